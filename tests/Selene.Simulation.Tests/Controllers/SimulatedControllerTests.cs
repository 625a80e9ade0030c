using k8s.Models;
using Selene.Cluster.Controllers;
using Selene.Cluster.Store;
using Selene.Simulation.Kernel;

namespace Selene.Simulation.Tests.Controllers;

public class SimulatedControllerTests
{
    [Fact]
    public void The_same_controller_loop_runs_under_the_simulated_clock()
    {
        // The loop the service runs on the wall clock, inside the event kernel: watch continuations and the
        // 5 s monitor period are kernel events, so an hour of controller time takes no wall time.
        var kernel = new SimulationKernel(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var store = new ClusterStore();
        store.Create(new V1Node { ApiVersion = "v1", Kind = "Node", Metadata = new V1ObjectMeta { Name = "earth-1", Labels = new Dictionary<string, string> { ["selene.io/location"] = "earth" } }, Spec = new V1NodeSpec() });
        var lifecycle = new NodeLifecycleController(store, kernel.TimeProvider);
        var manager = new ControllerManager(store, kernel.TimeProvider, lifecycle);
        using var stop = new CancellationTokenSource();
        kernel.Spawn(() => manager.RunAsync(stop.Token));
        kernel.Spawn(async () =>
        {
            store.Create(new V1Deployment
            {
                ApiVersion = "apps/v1",
                Kind = "Deployment",
                Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "chat" },
                Spec = new V1DeploymentSpec
                {
                    Replicas = 4,
                    Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "web" } },
                    Template = new V1PodTemplateSpec { Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "web" } }, Spec = new V1PodSpec { Containers = [new V1Container { Name = "c" }] } },
                },
            });
            await kernel.Delay(3600);
            await stop.CancelAsync();
        });

        kernel.Run(4000);

        Assert.Equal(4, store.List<V1Pod>("chat").Count);
        // earth-1 never sent a heartbeat: unreachable after its 40 s grace, in simulated time.
        Assert.Equal(NodeLifecycleController.Unreachable, store.Get<V1Node>(null, "earth-1")!.Spec.Taints.Single().Key);
        Assert.True(kernel.Now >= 3600);
        Assert.True(manager.Reconciles > 0);
    }

    [Fact]
    public void Passes_skipped_while_the_cluster_is_quiet_change_nothing_a_pass_every_5_s_would_have_done()
    {
        // The same hour twice: once under the controller manager, whose monitor jumps over ticks while every node is
        // within its grace or cut off by its link, once with a pass at every 5 s tick. A cosmic NoExecute taint lands
        // mid-quiet (a store change), the lunar link is down from 20 min to 29 min 57 s, and the Earth node falls
        // silent at 45 min: both runs must see the same taints and evictions at the same times.
        var epoch = new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);
        const double LinkDown = 1200, LinkUp = 1797, EarthSilent = 2700;
        (ClusterStore Store, long QuietPasses, List<string> Taints) Hour(bool underManager)
        {
            var kernel = new SimulationKernel(epoch);
            var store = new ClusterStore();
            foreach (var (name, location) in new[] { ("earth-1", "earth"), ("lunar-1", "moon") })
            {
                store.Create(new V1Node { ApiVersion = "v1", Kind = "Node", Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["selene.io/location"] = location } }, Spec = new V1NodeSpec() });
                store.Create(new V1Pod { ApiVersion = "v1", Kind = "Pod", Metadata = new V1ObjectMeta { Name = "on-" + name, NamespaceProperty = "chat" }, Spec = new V1PodSpec { NodeName = name, Containers = [new V1Container { Name = "c" }] } });
            }

            DateTimeOffset? LinkUpAt(string node)
            {
                var now = kernel.TimeProvider.GetUtcNow();
                return node != "lunar-1" ? null : kernel.Now is >= LinkDown and < LinkUp ? epoch.AddSeconds(LinkUp) : now;
            }

            var lifecycle = new NodeLifecycleController(store, kernel.TimeProvider, linkUpAt: LinkUpAt);
            using var stop = new CancellationTokenSource();
            if (underManager)
            {
                kernel.Spawn(() => new ControllerManager(store, kernel.TimeProvider, lifecycle).RunAsync(stop.Token));
            }
            else
            {
                kernel.Spawn(async () =>
                {
                    while (kernel.Now < 3600)
                    {
                        await kernel.Delay(5);
                        lifecycle.Monitor();
                    }
                });
            }

            // Heartbeats every 10 s: the Earth node's until it falls silent, the lunar node's 1.3 s late unless the link is down.
            kernel.Spawn(async () =>
            {
                for (var t = 0.0; t <= EarthSilent; t += 10)
                {
                    await kernel.Delay(t - kernel.Now);
                    lifecycle.Heartbeat("earth-1");
                }
            });
            kernel.Spawn(async () =>
            {
                for (var t = 1.3; t < 3600; t += 10)
                {
                    await kernel.Delay(t - kernel.Now);
                    if (t is < LinkDown or >= LinkUp)
                    {
                        lifecycle.Heartbeat("lunar-1");
                    }
                }
            });
            kernel.Spawn(async () =>
            {
                await kernel.Delay(1011.5);
                var node = store.Get<V1Node>(null, "lunar-1")!;
                node.Spec.Taints = [new V1Taint { Key = "selene.io/cosmic-event", Value = "upset-permanent", Effect = "NoExecute", TimeAdded = kernel.TimeProvider.GetUtcNow().UtcDateTime }];
                store.Update(node);
                await kernel.Delay(3600 - kernel.Now);
                await stop.CancelAsync();
            });
            var quietPasses = 0L;
            kernel.ScheduleAt(EarthSilent + 2, () => quietPasses = lifecycle.Passes);
            var taints = new List<string>();
            for (var t = 1.0; t < 3600; t += 1)
            {
                kernel.Run(t);
                taints.Add(string.Join(",", store.List<V1Node>().SelectMany(n => n.Spec.Taints ?? []).Select(x => $"{x.Key}@{x.TimeAdded:HH:mm:ss.fff}")));
            }

            kernel.Run(3600);
            return (store, quietPasses, taints);
        }

        var skipping = Hour(underManager: true);
        var everyTick = Hour(underManager: false);

        Assert.Equal(everyTick.Taints, skipping.Taints);
        Assert.Contains(skipping.Taints, t => t.Contains(NodeLifecycleController.LinkDown, StringComparison.Ordinal));
        Assert.Contains(NodeLifecycleController.Unreachable, skipping.Taints[^1], StringComparison.Ordinal);
        foreach (var pod in new[] { "on-earth-1", "on-lunar-1" })
        {
            Assert.NotNull(everyTick.Store.Get<V1Pod>("chat", pod)!.Metadata.DeletionTimestamp);
            Assert.Equal(everyTick.Store.Get<V1Pod>("chat", pod)!.Metadata.DeletionTimestamp, skipping.Store.Get<V1Pod>("chat", pod)!.Metadata.DeletionTimestamp);
        }

        // The cosmic taint's pod goes at the first tick after it lands.
        Assert.Equal(epoch.AddSeconds(1015).UtcDateTime, skipping.Store.Get<V1Pod>("chat", "on-lunar-1")!.Metadata.DeletionTimestamp);
        // Until the Earth node fell silent the nodes were healthy or behind their link, but for the store changes: a
        // pass about every 30 s (the Earth grace less its heartbeat period) and none while the link was down.
        Assert.Equal(540, everyTick.QuietPasses);
        Assert.InRange(skipping.QuietPasses, 1, 540 / 5);
    }
}
