namespace Selene.Server.Webhooks;

/// <summary>One event due for one subscriber.</summary>
/// <param name="EventSequence">The event's position in the outbox.</param>
/// <param name="EventId">The CloudEvent id, sent as <c>webhook-id</c>: the receiver's idempotency key.</param>
/// <param name="Body">The CloudEvent in structured JSON.</param>
/// <param name="Subscription">Where it goes.</param>
/// <param name="Attempts">Attempts made so far.</param>
public sealed record PendingDelivery(long EventSequence, string EventId, byte[] Body, WebhookSubscription Subscription, int Attempts);
