using System;
using Microsoft.Extensions.Logging;
using OssResumable.Emulator.Link;
using OssResumable.Emulator.Storage;

namespace OssResumable.Emulator.Http;

/// <summary>The shared state every request handler works with.</summary>
internal sealed class EmulatorRuntime : IDisposable
{
    public EmulatorRuntime(ObjectStore store, EmulatorClock clock, CredentialStore credentials, FaultRuleCollection faults, EmulatorLink link, string region, string hostDomain, ILogger? logger)
    {
        Link = new LinkShaper(link, Statistics);
        Timeline = new StatisticsTimeline(Statistics, OssEmulator.TimelineInterval);
        Store = store;
        Clock = clock;
        Credentials = credentials;
        Faults = faults;
        Region = region;
        HostDomain = hostDomain;
        Logger = logger;
    }

    public ObjectStore Store { get; }

    public EmulatorClock Clock { get; }

    public CredentialStore Credentials { get; }

    public FaultRuleCollection Faults { get; }

    public RequestStatistics Statistics { get; } = new();

    public LinkShaper Link { get; }

    public StatisticsTimeline Timeline { get; }

    public string Region { get; }

    public string HostDomain { get; }

    public ILogger? Logger { get; }

    /// <summary>The single owner every credential maps to.</summary>
    public string OwnerId => "1283641064516515";

    /// <summary>Zeroes the counters and restarts the timeline.</summary>
    public void ResetStatistics()
    {
        Statistics.Reset();
        Timeline.Reset();
    }

    public void Dispose() => Timeline.Dispose();
}
