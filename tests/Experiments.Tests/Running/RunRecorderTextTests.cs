using System.Text;
using ClusterSim.Experiments.Running;

namespace ClusterSim.Experiments.Tests.Running;

/// <summary>Names enter the event digest as UTF-8: the ASCII shortcut must give the encoder's bytes, and a name
/// that is not ASCII must still be encoded whole.</summary>
public class RunRecorderTextTests
{
    [TestCase("job-17-3")]
    [TestCase("")]
    [TestCase("tâche-é-1")]
    [TestCase("任务-7")]
    [TestCase("emoji-\U0001F600")]
    public void TextEntersTheDigestAsItsUtf8Bytes(string text)
    {
        var room = new byte[Encoding.UTF8.GetMaxByteCount(text.Length)];
        int written = RunRecorder.Utf8(text, room);
        Assert.That(room[..written], Is.EqualTo(Encoding.UTF8.GetBytes(text)));
    }
}
