namespace Selene.Server.Faults;

/// <summary>One fault in the service's feed.</summary>
/// <param name="Id">1-based number in the feed, in the order the faults were heard of.</param>
/// <param name="Time">When it happened (the twin's clock for the twin's faults).</param>
/// <param name="Site">Where; empty when an operator names only the node.</param>
/// <param name="Node">Which node; empty for a site's link.</param>
/// <param name="Type">Fault type (<c>upset-gpu-hang</c>, <c>link-outage</c> …).</param>
/// <param name="Severity">info, warning, error or critical.</param>
/// <param name="Source"><c>twin</c> for the live twin's, <c>operator</c> for one reported through the API.</param>
public sealed record FaultReport(long Id, DateTimeOffset Time, string Site, string Node, string Type, string Severity, string Source);
