namespace Selene.Server.Api;

/// <summary>A pod as the API shows it.</summary>
/// <param name="Namespace">Its namespace.</param>
/// <param name="Name">Its name.</param>
/// <param name="Node">The node it is bound to, or null.</param>
/// <param name="Phase">Its phase, or Pending / Bound where it has no status.</param>
public sealed record PodView(string Namespace, string Name, string? Node, string Phase);
