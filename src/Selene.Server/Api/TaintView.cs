namespace Selene.Server.Api;

/// <summary>A taint: pods without a matching toleration are kept off (NoSchedule), or also evicted (NoExecute).</summary>
/// <param name="Key">The taint's key.</param>
/// <param name="Value">Its value, possibly empty.</param>
/// <param name="Effect">NoSchedule, PreferNoSchedule or NoExecute.</param>
public sealed record TaintView(string Key, string Value, string Effect);
