namespace Selene.Serving.Engine;

/// <summary>What an engine tells its owner, at the simulated time each thing happens.</summary>
public interface IEngineObserver
{
    /// <summary>A request's first output token is out (end of its prefill step).</summary>
    void FirstToken(EngineRequest request, double time);

    /// <summary>A request's last output token is out; the engine has let go of it.</summary>
    void Finished(EngineRequest request, double time);

    /// <summary>A request lost its KV cache to make room and went back to the head of the queue.</summary>
    void Preempted(EngineRequest request, double time);

    /// <summary>A request the engine can never serve (its prompt and output outgrow the whole KV cache); it is not queued.</summary>
    void Rejected(EngineRequest request, double time, string reason);
}
