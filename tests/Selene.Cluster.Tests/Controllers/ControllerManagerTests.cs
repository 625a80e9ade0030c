using System.Diagnostics;
using k8s.Models;
using Selene.Cluster.Controllers;
using Selene.Cluster.Store;

namespace Selene.Cluster.Tests.Controllers;

public class ControllerManagerTests
{
    internal static V1Deployment Deployment(string name, int replicas, string image = "v1") => new()
    {
        ApiVersion = "apps/v1",
        Kind = "Deployment",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "chat" },
        Spec = new V1DeploymentSpec
        {
            Replicas = replicas,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = image }] },
            },
        },
    };

    private static async Task Until(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition() && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(10);
        }
    }

    [Fact]
    public async Task Under_the_wall_clock_a_Deployment_reaches_its_replicas_replaces_lost_pods_and_rolls_to_a_new_template()
    {
        var store = new ClusterStore();
        var manager = new ControllerManager(store, TimeProvider.System);
        using var stop = new CancellationTokenSource();
        var running = manager.RunAsync(stop.Token);

        store.Create(Deployment("web", 3));
        await Until(() => store.List<V1Pod>("chat").Count == 3);
        Assert.Equal(3, store.List<V1Pod>("chat").Count);

        store.Delete<V1Pod>("chat", store.List<V1Pod>("chat")[0].Metadata.Name);
        await Until(() => store.List<V1Pod>("chat").Count == 3);
        Assert.Equal(3, store.List<V1Pod>("chat").Count);

        var deployment = store.Get<V1Deployment>("chat", "web")!;
        deployment.Spec.Template.Spec.Containers[0].Image = "v2";
        store.Update(deployment);
        await Until(() => store.List<V1Pod>("chat").All(p => p.Spec.Containers[0].Image == "v2") && store.List<V1Pod>("chat").Count == 3);
        Assert.All(store.List<V1Pod>("chat"), p => Assert.Equal("v2", p.Spec.Containers[0].Image));
        Assert.Equal(2, store.List<V1ReplicaSet>("chat").Count);

        await stop.CancelAsync();
        await running;
    }
}
