using System.Security.Cryptography;
using ClusterSim.Experiments.Running;

namespace ClusterSim.Experiments.Tests.Running;

/// <summary>
/// The digest hashes full blocks on a worker while the run fills the next one: it must still be the SHA-256 of
/// the records in the order they were appended, across many blocks, and when read part-way.
/// </summary>
public class BufferedDigestTests
{
    [Test]
    public void TheDigest_IsTheSha256OfEveryRecordInOrder_AcrossBlocks_AndWhenReadPartWay()
    {
        var random = new Random(3);
        var all = new List<byte>();
        using var digest = new BufferedDigest();
        string? partWay = null, expectedPartWay = null;
        for (int record = 0; record < 40_000; record++)
        {
            int length = random.Next(1, 65);
            var span = digest.Reserve(64);
            random.NextBytes(span[..length]);
            all.AddRange(span[..length].ToArray());
            digest.Commit(length);
            if (record == 25_000)
            {
                partWay = digest.CurrentHex();
                expectedPartWay = Convert.ToHexStringLower(SHA256.HashData(all.ToArray()));
            }
        }
        Assert.That(all, Has.Count.GreaterThan(4 * 256 * 1024), "several blocks");
        Assert.That(partWay, Is.EqualTo(expectedPartWay));
        Assert.That(digest.CurrentHex(), Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(all.ToArray()))));
    }
}
