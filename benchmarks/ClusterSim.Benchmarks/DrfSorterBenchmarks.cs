using BenchmarkDotNet.Attributes;
using ClusterSim.Allocators.Sorting;
using ClusterSim.Core.Resources;

namespace ClusterSim.Benchmarks;

/// <summary>
/// The DRF sorter as an allocation run uses it, with 100 and 1,000 clients: a grant (the client first in
/// order is allocated one offer, which moves it) followed by asking for the order again; and a recovery (a
/// client somewhere in the order gives resources back).
/// </summary>
[MemoryDiagnoser]
public class DrfSorterBenchmarks
{
    private static readonly Resources Offer = Resources.Of(cpus: 8, mem: 2082, disk: 3072);
    private static readonly Resources Returned = Resources.Of(cpus: 1, mem: 32);
    private DrfSorter _sorter = null!;
    private int _next;

    [Params(100, 1_000)]
    public int Clients { get; set; }

    [GlobalSetup]
    public void SetUp()
    {
        _sorter = new DrfSorter();
        for (int i = 0; i < Clients; i++) _sorter.Add($"framework-{i:D5}");
        _sorter.SetTotal(Resources.Of(cpus: 24, mem: 4096, disk: 4096) * 1_000_000);
        _sorter.Sort();
        // Enough held by everyone that recoveries never run a client below zero.
        for (int i = 0; i < Clients * 64; i++) _sorter.Allocated(_sorter.Sort()[0], Offer);
    }

    [Benchmark]
    public int GrantToFirst()
    {
        int first = _sorter.Sort()[0];
        _sorter.Allocated(first, Offer);
        return _sorter.Sort()[0];
    }

    [Benchmark]
    public int Recover()
    {
        int client = _next++ % Clients;
        _sorter.Unallocated(client, Returned);
        return _sorter.Sort()[0];
    }
}
