#!/usr/bin/env python3
"""A batch framework for the ClusterSim master's scheduler API (docs/API.md), standard library only.

Runs N copies of one shell command, each as a task, then tears itself down. Exit status: 0 when every task
finished, 1 when any failed, was killed or lost (or the master refused a call), 2 for bad arguments.

  python3 framework.py --master http://127.0.0.1:5050 --principal clustersim --secret-file token \\
      --role batch --tasks 3 --cpus 0.1 --mem 64 --command "echo hello"
"""
import argparse
import base64
import http.client
import json
import sys
import urllib.parse

BAD_ENDS = {"TASK_FAILED", "TASK_LOST", "TASK_KILLED", "TASK_ERROR", "TASK_DROPPED", "TASK_GONE"}
ENDS = BAD_ENDS | {"TASK_FINISHED"}
RETRY_FILTER = {"refuse_seconds": 5}   # offers declined while tasks wait: see them again soon
DONE_FILTER = {"refuse_seconds": 3600}  # offers declined once every task is launched


def log(text):
    print(text, flush=True)


class CallRefused(Exception):
    pass


class Master:
    """The event stream holds one connection; each call opens its own (an idle keep-alive connection may
    have been closed by the server, and a call must not be sent twice)."""

    def __init__(self, url, principal, secret):
        parts = urllib.parse.urlsplit(url)
        self.kind = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
        self.netloc = parts.netloc
        self.path = parts.path.rstrip("/") + "/api/v1/scheduler"
        token = base64.b64encode(f"{principal}:{secret}".encode()).decode()
        self.headers = {"Authorization": "Basic " + token, "Content-Type": "application/json"}
        self.framework_id = None
        self.stream_id = None
        self.stream = None

    def subscribe(self, framework_info):
        """Opens the stream; returns a generator of events, the first being SUBSCRIBED."""
        connection = self.kind(self.netloc, timeout=30)
        body = json.dumps({"type": "SUBSCRIBE", "subscribe": {"framework_info": framework_info}})
        connection.request("POST", self.path, body, self.headers)
        response = connection.getresponse()
        if response.status != 200:
            raise CallRefused(f"SUBSCRIBE: {response.status} {response.read().decode().strip()}")
        self.stream_id = response.getheader("Mesos-Stream-Id")
        # Held here, not only by the generator: calls (TEARDOWN last) are refused once the stream is closed.
        self.stream = (connection, response)
        return self._events(connection, response)

    @staticmethod
    def _events(connection, response):
        # The stream is newline-delimited JSON: one event per line.
        for line in iter(response.readline, b""):
            if not line.strip():
                continue
            event = json.loads(line)
            if event["type"] == "SUBSCRIBED":
                # Three missed heartbeats and the connection is taken for dead (socket.timeout).
                connection.sock.settimeout(3 * event["subscribed"]["heartbeat_interval_seconds"])
            yield event

    def call(self, kind, section=None, body=None):
        """Sends a call for the subscribed framework; raises CallRefused unless the master answers 202."""
        message = {"type": kind, "framework_id": {"value": self.framework_id}}
        if section:
            message[section] = body
        connection = self.kind(self.netloc, timeout=30)
        try:
            connection.request("POST", self.path, json.dumps(message), {**self.headers, "Mesos-Stream-Id": self.stream_id})
            response = connection.getresponse()
            text = response.read().decode().strip()
        finally:
            connection.close()
        if response.status != 202:
            raise CallRefused(f"{kind}: {text}")


def scalars(resources):
    """cpus, mem, ... summed over a resource list (reserved for our role or not: both are ours to use)."""
    total = {}
    for r in resources:
        total[r["name"]] = total.get(r["name"], 0) + r.get("scalar", {}).get("value", 0)
    return total


def task_info(args, task_id, agent_id):
    info = {
        "name": task_id,
        "task_id": {"value": task_id},
        "agent_id": agent_id,
        "resources": [{"name": n, "type": "SCALAR", "scalar": {"value": v}} for n, v in (("cpus", args.cpus), ("mem", args.mem))],
        "command": {"value": args.command},
    }
    if args.image:
        info["container"] = {"type": "DOCKER", "docker": {"image": args.image}}
    return info


def run(args, master):
    launched, finished, failed, ended, suppressed = 0, 0, 0, set(), False
    info = {"name": args.name, "roles": [args.role], "principal": args.principal}
    for event in master.subscribe(info):
        kind = event["type"]
        if kind == "SUBSCRIBED":
            master.framework_id = event["subscribed"]["framework_id"]["value"]
            log(f"subscribed as framework {master.framework_id} in role {args.role}")
        elif kind == "OFFERS":
            for offer in event["offers"]["offers"]:
                free, tasks = scalars(offer["resources"]), []
                while launched < args.tasks and free.get("cpus", 0) >= args.cpus and free.get("mem", 0) >= args.mem:
                    free["cpus"] -= args.cpus
                    free["mem"] -= args.mem
                    tasks.append(task_info(args, f"{args.name}-{launched}", offer["agent_id"]))
                    launched += 1
                filters = RETRY_FILTER if launched < args.tasks else DONE_FILTER
                if tasks:
                    # What the tasks leave of the offer is declined with the filter.
                    master.call("ACCEPT", "accept", {"offer_ids": [offer["id"]], "filters": filters,
                                                     "operations": [{"type": "LAUNCH", "launch": {"task_infos": tasks}}]})
                    log(f"launched {len(tasks)} task(s) on {offer['hostname']} ({launched}/{args.tasks})")
                else:
                    master.call("DECLINE", "decline", {"offer_ids": [offer["id"]], "filters": filters})
            if launched == args.tasks and not suppressed:
                master.call("SUPPRESS")
                suppressed = True
                log("all tasks launched; offers suppressed")
        elif kind == "UPDATE":
            status = event["update"]["status"]
            task, state = status["task_id"]["value"], status["state"]
            # Updates come at least once: count each task's end once, acknowledge every copy.
            if state in ENDS and task not in ended:
                ended.add(task)
                finished += state == "TASK_FINISHED"
                failed += state in BAD_ENDS
            log(f"task {task}: {state}" + (f" ({status['message']})" if status.get("message") else "")
                + f"; {finished} finished, {failed} failed of {args.tasks}")
            if "uuid" in status:
                try:
                    master.call("ACKNOWLEDGE", "acknowledge", {k: status[k] for k in ("agent_id", "task_id", "uuid") if k in status})
                except CallRefused as refused:
                    log(f"warning: {refused}")  # a copy of an update already acknowledged
            if len(ended) == args.tasks:
                break
        elif kind == "RESCIND":
            log(f"offer {event['rescind']['offer_id']['value']} rescinded")
        elif kind == "FAILURE":
            log(f"agent {event['failure'].get('agent_id', {}).get('value')} lost")
        elif kind == "ERROR":
            raise CallRefused(f"the master ended the framework: {event['error']['message']}")
        # HEARTBEAT needs no answer: it only proves the connection alive (see the socket timeout).
    else:
        raise CallRefused("the master closed the event stream")
    log(f"done: {finished} finished, {failed} failed of {args.tasks}")
    return 0 if failed == 0 else 1


def parse(argv):
    parser = argparse.ArgumentParser(description="Run N copies of a command on a ClusterSim cluster.")
    parser.add_argument("--master", required=True, help="master URL, e.g. http://127.0.0.1:5050")
    parser.add_argument("--principal", required=True)
    parser.add_argument("--secret-file", required=True, help="file whose first line is the principal's secret")
    parser.add_argument("--role", required=True)
    parser.add_argument("--tasks", type=int, required=True)
    parser.add_argument("--cpus", type=float, required=True)
    parser.add_argument("--mem", type=float, required=True, help="MB per task")
    parser.add_argument("--command", required=True, help="run with sh -c in each task")
    parser.add_argument("--name", default="python-framework", help="framework name (task ids start with it)")
    parser.add_argument("--image", help="Docker image (default: the agents' default image)")
    args = parser.parse_args(argv)
    if args.tasks < 1 or args.cpus <= 0 or args.mem <= 0:
        parser.error("--tasks, --cpus and --mem must be positive")
    if urllib.parse.urlsplit(args.master).scheme not in ("http", "https"):
        parser.error(f"--master: expected an http:// or https:// URL, found '{args.master}'")
    try:
        with open(args.secret_file) as f:
            args.secret = f.readline().strip()
    except OSError as e:
        parser.error(f"--secret-file: {e.strerror}: {args.secret_file}")
    if not args.secret:
        parser.error(f"--secret-file: {args.secret_file} is empty; expected the secret on its first line")
    return args


def main(argv):
    args = parse(argv)
    master = Master(args.master, args.principal, args.secret)
    try:
        return run(args, master)
    except (CallRefused, OSError) as e:
        log(f"error: {e}")
        return 1
    except KeyboardInterrupt:
        return 130
    finally:
        if master.framework_id is not None:
            try:
                master.call("TEARDOWN")
                log("torn down")
            except (CallRefused, OSError) as e:
                log(f"warning: teardown: {e}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
