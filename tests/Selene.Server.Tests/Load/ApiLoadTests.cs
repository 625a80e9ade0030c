using Selene.Testing;
using Xunit.Abstractions;

namespace Selene.Server.Tests.Load;

/// <summary>The service under 1,000 requests a second for a minute on loopback; the test stops by itself.</summary>
[Collection(nameof(RunsAlone))]
public sealed class ApiLoadTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_thousand_requests_a_second_for_a_minute_are_all_answered_with_a_p99_under_50_ms()
    {
        // The test runner keeps some of the pool's threads blocked while tests run, which a service in its own process
        // does not have to share (the benchmark, `api-load`, starts on three threads and needs no more): without
        // threads to spare the pool adds them slowly and the runner's waits, not the service, set the tail.
        ThreadPool.GetMinThreads(out var workers, out var ports);
        ThreadPool.SetMinThreads(Math.Max(workers, 16), Math.Max(ports, 16));
        ApiLoadResult result;
        try
        {
            // On the thread pool, away from the test framework's synchronisation context.
            result = await Task.Run(() => ApiLoad.RunAsync(perSecond: 1000, seconds: 60));
        }
        finally
        {
            ThreadPool.SetMinThreads(workers, ports);
        }

        output.WriteLine(result.ToString());

        Assert.Equal(60_000, result.Sent);
        Assert.Equal(0, result.Errors);
        Assert.True(result.P99Ms < 50, result.ToString());
    }
}
