namespace Selene.Server.Tests.Load;

/// <summary>Tests that run alone in this assembly, after the others: their figures are the service's, not the other tests'.</summary>
[CollectionDefinition(nameof(RunsAlone), DisableParallelization = true)]
public sealed class RunsAlone;
