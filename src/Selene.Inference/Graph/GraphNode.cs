namespace Selene.Inference.Graph;

/// <summary>One operator of a model's graph, at its place in topological order.</summary>
/// <param name="Index">Position in topological order.</param>
/// <param name="Name">The node's name (given one when the model left it empty).</param>
/// <param name="OpType">The operator, e.g. Conv.</param>
/// <param name="Domain">The operator set's domain; empty for the default ONNX domain.</param>
/// <param name="Inputs">Tensors it reads that are not weights, including those its subgraphs read from outside.</param>
/// <param name="Outputs">Tensors it writes.</param>
/// <param name="HasSubgraph">Whether it carries subgraphs (If, Loop, Scan): a cut never passes inside one.</param>
public sealed record GraphNode(int Index, string Name, string OpType, string Domain, IReadOnlyList<string> Inputs, IReadOnlyList<string> Outputs, bool HasSubgraph);
