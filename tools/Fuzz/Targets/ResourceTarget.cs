using System.Text;
using ClusterSim.Core.Resources;

namespace ClusterSim.Fuzz.Targets;

/// <summary>The resource-string parser (<c>cpus:2;mem:1024;cpus(role):1</c>), fed the input as UTF-8 text.</summary>
internal sealed class ResourceTarget() : FuzzTarget("resources", "resources.txt")
{
    public override void Run(byte[] input, string path)
    {
        var text = Encoding.UTF8.GetString(input);
        try
        {
            var set = ResourceSet.Parse(text);
            // What it read, it prints and reads back the same.
            var again = ResourceSet.Parse(set.ToString());
            if (again.ToString() != set.ToString())
                throw new FuzzFinding($"'{text}' read as '{set}', which reads back as '{again}'");
        }
        catch (ResourceFormatException e)
        {
            if (e.Column < 1 || e.Column > Math.Max(1, text.Length))
                throw new FuzzFinding($"column {e.Column} is outside the text of {text.Length} characters", e);
        }
    }
}
