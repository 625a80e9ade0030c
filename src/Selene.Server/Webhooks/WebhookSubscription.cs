using Selene.Simulation.Webhooks;

namespace Selene.Server.Webhooks;

/// <summary>A receiver of cosmic events: where to post, which event types, and the secret deliveries are signed with.</summary>
/// <param name="Id">Subscription id.</param>
/// <param name="Url">The receiver's URL.</param>
/// <param name="Filter">Event types to send: an exact type, a prefix ending in <c>*</c>, or <c>*</c> for all.</param>
/// <param name="Secret">The Standard Webhooks signing secret (<c>whsec_</c> and base64).</param>
public sealed record WebhookSubscription(string Id, Uri Url, string Filter, string Secret)
{
    /// <summary>True when events of <paramref name="type"/> go to this subscriber.</summary>
    public bool Wants(string type) => DeliveryPolicy.Matches(Filter, type);
}
