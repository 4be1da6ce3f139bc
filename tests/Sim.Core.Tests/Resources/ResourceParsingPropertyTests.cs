using ClusterSim.Core.Resources;
using CsCheck;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Core.Tests.Resources;

/// <summary>
/// Properties of the resource-string parser over generated text: whatever the text, parsing gives a set or a
/// <see cref="ResourceFormatException"/> that locates the problem, never another exception; what it prints, it
/// reads back. Each property runs a fixed number of cases on one thread (a second or two).
/// </summary>
public class ResourceParsingPropertyTests
{
    // The characters resource strings are made of, plus a few that never belong.
    private static readonly Gen<string> Texts = Gen.OneOf(
        Gen.String[Gen.Char["cpusmemdiskgpu();:.,-+e0123456789 *ab|"], 0, 40],
        Gen.Int[0, 5].SelectMany(n => Gen.OneOf(Gen.Const("cpus"), Gen.Const("mem"), Gen.Const("gpus(ml)"),
                Gen.Const("disk(*)"), Gen.Const("cpus()"))
            .SelectMany(name => Gen.OneOf(Gen.Const("1e300"), Gen.Const("NaN"), Gen.Const("-0"), Gen.Const("1e9"),
                    Gen.Const("1000000001"), Gen.Const("0.0005"), Gen.Double.Select(d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))
                .Select(value => name + ":" + value))
            .Array[n].Select(parts => string.Join(";", parts))));

    [Test]
    public void AnyText_ParsesOrFailsWithAResourceFormatExceptionLocatingThePart()
    {
        Texts.Sample(text =>
        {
            try
            {
                ResourceSet.Parse(text);
            }
            catch (ResourceFormatException e)
            {
                Assert.That(e.Column, Is.InRange(1, Math.Max(1, text.Length)));
                Assert.That(e.Text, Is.EqualTo(text));
                Assert.That(e.Message, Does.Contain(text.Trim().Length == 0 ? "empty" : "'"));
            }
            bool first = ResourceSet.TryParse(text, out _, out _);
            Assert.That(ResourceSet.TryParse(text, out _, out _), Is.EqualTo(first), "the same answer twice");
        }, iter: 20_000, threads: 1);
    }

    [Test]
    public void PrintedSet_ReadsBackEqual()
    {
        var quantity = Gen.Long[0, 1_000_000_000_000L];
        var resources = Gen.Select(quantity, quantity, quantity, quantity, (c, m, d, g) => R.FromFixed(c, m, d, g));
        var roles = Gen.Dictionary(Gen.String[Gen.Char["abcxyz-_"], 1, 6], resources)[0, 3];
        Gen.Select(resources, roles).Sample((unreserved, reserved) =>
        {
            var set = ResourceSet.Empty with
            {
                Unreserved = unreserved,
                Reserved = reserved.Where(r => !r.Value.IsEmpty).Aggregate(ResourceSet.Empty.Reserved, (d, r) => d.Add(r.Key, r.Value)),
            };
            if (set.Total.IsEmpty) return;

            var back = ResourceSet.Parse(set.ToString());

            Assert.That(back.Unreserved, Is.EqualTo(set.Unreserved));
            Assert.That(back.Reserved, Is.EquivalentTo(set.Reserved));
        }, iter: 5_000, threads: 1);
    }

    [TestCase("cpus:1e300", 1)]
    [TestCase("mem:1024; cpus:1000000001", 11)]
    public void QuantityBeyondTheLimit_IsAResourceFormatException_NotAnOverflow(string text, int column)
    {
        var error = Assert.Throws<ResourceFormatException>(() => ResourceSet.Parse(text));

        Assert.That(error!.Column, Is.EqualTo(column));
        Assert.That(error.Message, Does.Contain("at most 1000000000"));
        Assert.That(ResourceSet.TryParse(text, out _, out _), Is.False);
    }

    [Test]
    public void BadPart_IsLocatedInTheText()
    {
        var error = Assert.Throws<ResourceFormatException>(() => ResourceSet.Parse("cpus:2;  bananas:3"));

        Assert.That(error!.Column, Is.EqualTo(10));
        Assert.That(error.Text, Is.EqualTo("cpus:2;  bananas:3"));
    }
}
