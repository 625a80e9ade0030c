namespace Selene.Simulation.Scenarios;

/// <summary>
/// A receiver of the run's cosmic events, as a subscriber of the service's outbound webhooks would be: which event
/// types it takes, when it is down (answering errors or not at all), and how long an acknowledged delivery takes.
/// </summary>
/// <param name="Name">Subscriber name, unique in the scenario.</param>
/// <param name="Filter">Event types it takes: an exact CloudEvents type, a prefix ending in <c>*</c>, or <c>*</c>.</param>
/// <param name="Outages">When the receiver is down.</param>
/// <param name="LatencySeconds">From an attempt to the receiver's acknowledgement, while it is up.</param>
public sealed record WebhookSubscriberSpec(string Name, string Filter, OutageSpec Outages, double LatencySeconds);
