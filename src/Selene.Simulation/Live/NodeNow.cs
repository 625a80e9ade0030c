namespace Selene.Simulation.Live;

/// <summary>A node now.</summary>
/// <param name="Name">The node's name.</param>
/// <param name="Site">Its site.</param>
/// <param name="GpuType">Its GPU type.</param>
/// <param name="Installed">GPUs it was built with.</param>
/// <param name="Gpus">GPUs working.</param>
/// <param name="Busy">GPUs serving a request (each a running pod).</param>
/// <param name="Queued">Requests waiting for a GPU.</param>
/// <param name="Lost">True once the node is destroyed.</param>
/// <param name="Taints">Its taints as <c>key=value:Effect</c>, the manifest's then a cosmic event's.</param>
public sealed record NodeNow(string Name, string Site, string GpuType, int Installed, int Gpus, int Busy, int Queued, bool Lost, IReadOnlyList<string> Taints);
