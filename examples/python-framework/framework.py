#!/usr/bin/env python3
"""A batch framework for the ClusterSim master's scheduler API (docs/API.md), standard library only.

Runs N copies of one shell command, each as a task, then tears itself down. Exit status: 0 when every task
finished, 1 when any failed, was killed or lost (or the master refused a call), 2 for bad arguments.

  python3 framework.py --master http://127.0.0.1:5050 --principal clustersim --secret-file token \\
      --role batch --tasks 3 --cpus 0.1 --mem 64 --command "echo hello"

With several masters (--master URL1,URL2,...; masters elected through etcd) it finds the leader (following
307 redirects, moving on from masters that cannot be reached or answer 503), and when the leader goes away it
subscribes again with its framework id, with exponential backoff and jitter, then reconciles the tasks it
has not seen end. Its tasks keep running meanwhile, for up to --failover-timeout seconds.
"""
import argparse
import base64
import http.client
import json
import random
import sys
import time
import urllib.parse

BAD_ENDS = {"TASK_FAILED", "TASK_LOST", "TASK_KILLED", "TASK_ERROR", "TASK_DROPPED", "TASK_GONE"}
ENDS = BAD_ENDS | {"TASK_FINISHED"}
RETRY_FILTER = {"refuse_seconds": 5}   # offers declined while tasks wait: see them again soon
DONE_FILTER = {"refuse_seconds": 3600}  # offers declined once every task is launched
ASK_AGAIN_FILTER = {"refuse_seconds": 30}  # inverse offers declined while our tasks still run on the agent


def log(text):
    print(text, flush=True)


class CallRefused(Exception):
    pass


class Master:
    """The leading master among several. The event stream holds one connection; each call opens its own (an
    idle keep-alive connection may have been closed by the server, and a call must not be sent twice)."""

    def __init__(self, urls, principal, secret):
        self.urls = [u.rstrip("/") for u in urls]
        self.current = 0
        token = base64.b64encode(f"{principal}:{secret}".encode()).decode()
        self.headers = {"Authorization": "Basic " + token, "Content-Type": "application/json"}
        self.framework_id = None
        self.stream_id = None
        self.stream = None

    def _post(self, body, headers, timeout=30):
        """POSTs to the scheduler endpoint of whichever master leads: a standby's 307 names the leader (the
        request goes there, credentials and all); a master that cannot be reached, or answers 503 while none
        leads, is passed over for the next. Returns (connection, response) of the first other answer."""
        url, problems = self.urls[self.current] + "/api/v1/scheduler", []
        for _ in range(2 * len(self.urls) + 2):
            parts = urllib.parse.urlsplit(url)
            kind = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
            connection = kind(parts.netloc, timeout=timeout)
            try:
                connection.request("POST", parts.path, body, headers)
                response = connection.getresponse()
            except OSError as e:
                connection.close()
                problems.append(f"{parts.netloc}: {e}")
                url = self._next()
                continue
            if response.status == 307 and response.getheader("Location"):
                response.read()
                connection.close()
                url = response.getheader("Location")
                continue
            if response.status == 503:
                problems.append(f"{parts.netloc}: {response.read().decode().strip()}")
                connection.close()
                url = self._next()
                continue
            return connection, response
        raise OSError("no leading master answered: " + "; ".join(problems[-len(self.urls):]))

    def _next(self):
        self.current = (self.current + 1) % len(self.urls)
        return self.urls[self.current] + "/api/v1/scheduler"

    def subscribe(self, framework_info):
        """Opens the stream; returns a generator of events, the first being SUBSCRIBED."""
        body = json.dumps({"type": "SUBSCRIBE", "subscribe": {"framework_info": framework_info}})
        connection, response = self._post(body, self.headers)
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
        connection, response = self._post(json.dumps(message), {**self.headers, "Mesos-Stream-Id": self.stream_id})
        try:
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


class Progress:
    """What the framework knows across subscriptions: tasks launched, tasks ended and how."""

    def __init__(self):
        self.launched, self.finished, self.failed, self.ended, self.suppressed = 0, 0, 0, set(), False
        self.agent_of = {}  # task id -> the agent it was launched on (for inverse offers)
        self.connected = False  # a subscription was made since the last loss


BACKOFF_FIRST, BACKOFF_MAX = 0.25, 2.0  # a new leader is elected within the masters' lease TTL (5 s)


def run(args, master):
    progress, failures, lost_since = Progress(), 0, None
    while True:
        try:
            result = subscribe_once(args, master, progress)
            if result is not None:
                return result
            reason = "the master closed the event stream"
        except (OSError, http.client.HTTPException) as e:
            reason = str(e) or type(e).__name__
        if master.framework_id is None:
            raise CallRefused(f"could not subscribe: {reason}")
        if progress.connected:
            # Lost after a subscription: count the failover timeout and the backoff from now.
            failures, lost_since, progress.connected = 0, None, False
        lost_since = lost_since or time.monotonic()
        if time.monotonic() - lost_since > args.failover_timeout:
            raise CallRefused(f"no master took framework {master.framework_id} back within its failover timeout "
                              f"({args.failover_timeout:g} s): {reason}")
        # Exponential backoff with jitter, so that frameworks that lost one master do not all return at once.
        delay = min(BACKOFF_MAX, BACKOFF_FIRST * 2 ** failures) * (0.5 + random.random())
        failures += 1
        log(f"lost the master ({reason}); subscribing again as framework {master.framework_id} in {delay:.1f} s")
        time.sleep(delay)
        if master.stream:
            master.stream[0].close()
            master.stream = None
        # A new leader makes offers afresh: suppress again if nothing is left to launch.
        progress.suppressed = False


def subscribe_once(args, master, progress):
    """One subscription until its stream ends: the exit status when the work is done, None when the stream
    ended first (the caller subscribes again)."""
    p = progress
    # One role is `role`; `roles` needs the MULTI_ROLE capability (Mesos's rule, docs/API.md).
    info = {"name": args.name, "role": args.role, "principal": args.principal, "failover_timeout": args.failover_timeout}
    if master.framework_id is not None:
        info["id"] = {"value": master.framework_id}
    for event in master.subscribe(info):
        kind = event["type"]
        if kind == "SUBSCRIBED":
            again = master.framework_id is not None
            p.connected = True
            master.framework_id = event["subscribed"]["framework_id"]["value"]
            if again:
                log(f"re-subscribed as framework {master.framework_id} at {master.urls[master.current]}")
                # Explicit reconciliation (Mesos's reconciliation guide): the master answers with the latest
                # state of each task not seen to end, LOST for a task it does not know.
                waiting = [f"{args.name}-{i}" for i in range(p.launched) if f"{args.name}-{i}" not in p.ended]
                if waiting:
                    master.call("RECONCILE", "reconcile", {"tasks": [{"task_id": {"value": t}} for t in waiting]})
            else:
                log(f"subscribed as framework {master.framework_id} in role {args.role}")
        elif kind == "OFFERS":
            for offer in event["offers"]["offers"]:
                if "unavailability" in offer:
                    # The agent has a maintenance window: a command of unknown length started there may be
                    # killed when the machine goes down, so take no new work there.
                    master.call("DECLINE", "decline", {"offer_ids": [offer["id"]], "filters": RETRY_FILTER})
                    continue
                free, tasks = scalars(offer["resources"]), []
                while p.launched < args.tasks and free.get("cpus", 0) >= args.cpus and free.get("mem", 0) >= args.mem:
                    free["cpus"] -= args.cpus
                    free["mem"] -= args.mem
                    tasks.append(task_info(args, f"{args.name}-{p.launched}", offer["agent_id"]))
                    p.agent_of[f"{args.name}-{p.launched}"] = offer["agent_id"]["value"]
                    p.launched += 1
                filters = RETRY_FILTER if p.launched < args.tasks else DONE_FILTER
                if tasks:
                    # What the tasks leave of the offer is declined with the filter.
                    master.call("ACCEPT", "accept", {"offer_ids": [offer["id"]], "filters": filters,
                                                     "operations": [{"type": "LAUNCH", "launch": {"task_infos": tasks}}]})
                    log(f"launched {len(tasks)} task(s) on {offer['hostname']} ({p.launched}/{args.tasks})")
                else:
                    master.call("DECLINE", "decline", {"offer_ids": [offer["id"]], "filters": filters})
            if p.launched == args.tasks and not p.suppressed:
                master.call("SUPPRESS")
                p.suppressed = True
                log("all tasks launched; offers suppressed")
        elif kind == "UPDATE":
            status = event["update"]["status"]
            task, state = status["task_id"]["value"], status["state"]
            # Updates come at least once: count each task's end once, acknowledge every copy.
            if state in ENDS and task not in p.ended:
                p.ended.add(task)
                p.finished += state == "TASK_FINISHED"
                p.failed += state in BAD_ENDS
            log(f"task {task}: {state}" + (f" ({status['message']})" if status.get("message") else "")
                + f"; {p.finished} finished, {p.failed} failed of {args.tasks}")
            if "uuid" in status:
                try:
                    master.call("ACKNOWLEDGE", "acknowledge", {k: status[k] for k in ("agent_id", "task_id", "uuid") if k in status})
                except CallRefused as refused:
                    log(f"warning: {refused}")  # a copy of an update already acknowledged
            if len(p.ended) == args.tasks:
                log(f"done: {p.finished} finished, {p.failed} failed of {args.tasks}")
                return 0 if p.failed == 0 else 1
        elif kind == "INVERSE_OFFERS":
            # The operator scheduled maintenance on agents where we run tasks (Mesos's maintenance primitives).
            # A command cannot be moved, so: accept when none of our tasks is left on the agent (nothing to
            # evacuate), else decline, to be asked again in 30 s, by which time they may have ended. Declining
            # only informs the operator; the machine still goes down when they say so.
            for inverse in event["inverse_offers"]["inverse_offers"]:
                agent = inverse["agent_id"]["value"]
                running = [t for t, a in p.agent_of.items() if a == agent and t not in p.ended]
                if running:
                    master.call("DECLINE_INVERSE_OFFERS", "decline_inverse_offers",
                                {"inverse_offer_ids": [inverse["id"]], "filters": ASK_AGAIN_FILTER})
                    log(f"maintenance on {agent}: declined ({len(running)} task(s) still run there)")
                else:
                    master.call("ACCEPT_INVERSE_OFFERS", "accept_inverse_offers", {"inverse_offer_ids": [inverse["id"]]})
                    log(f"maintenance on {agent}: accepted (none of our tasks runs there)")
        elif kind == "RESCIND_INVERSE_OFFER":
            log(f"inverse offer {event['rescind_inverse_offer']['inverse_offer_id']['value']} rescinded")
        elif kind == "RESCIND":
            log(f"offer {event['rescind']['offer_id']['value']} rescinded")
        elif kind == "FAILURE":
            log(f"agent {event['failure'].get('agent_id', {}).get('value')} lost")
        elif kind == "ERROR":
            raise CallRefused(f"the master ended the framework: {event['error']['message']}")
        # HEARTBEAT needs no answer: it only proves the connection alive (see the socket timeout).
    return None


def parse(argv):
    parser = argparse.ArgumentParser(description="Run N copies of a command on a ClusterSim cluster.")
    parser.add_argument("--master", required=True,
                        help="master URL, e.g. http://127.0.0.1:5050, or several separated by commas (the leader is found)")
    parser.add_argument("--principal", required=True)
    parser.add_argument("--secret-file", required=True, help="file whose first line is the principal's secret")
    parser.add_argument("--role", required=True)
    parser.add_argument("--tasks", type=int, required=True)
    parser.add_argument("--cpus", type=float, required=True)
    parser.add_argument("--mem", type=float, required=True, help="MB per task")
    parser.add_argument("--command", required=True, help="run with sh -c in each task")
    parser.add_argument("--name", default="python-framework", help="framework name (task ids start with it)")
    parser.add_argument("--image", help="Docker image (default: the agents' default image)")
    parser.add_argument("--failover-timeout", type=float, default=60,
                        help="seconds the master keeps the framework's tasks while it is away, and how long it tries to come back")
    args = parser.parse_args(argv)
    if args.tasks < 1 or args.cpus <= 0 or args.mem <= 0:
        parser.error("--tasks, --cpus and --mem must be positive")
    args.masters = [u.strip() for u in args.master.split(",")]
    for url in args.masters:
        if urllib.parse.urlsplit(url).scheme not in ("http", "https") or not urllib.parse.urlsplit(url).netloc:
            parser.error(f"--master: expected http:// or https:// URLs separated by commas, found '{url}'")
    if args.failover_timeout < 0:
        parser.error("--failover-timeout must be at least 0")
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
    master = Master(args.masters, args.principal, args.secret)
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
