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
}
