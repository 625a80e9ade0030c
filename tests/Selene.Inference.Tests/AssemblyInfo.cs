// Profiles and latency checks measure time: a test class running beside them would skew what they measure.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
