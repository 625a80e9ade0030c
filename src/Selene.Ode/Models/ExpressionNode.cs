namespace Selene.Ode.Models;

/// <summary>A node of a parsed right-hand-side expression.</summary>
public abstract record ExpressionNode;

/// <summary>A number.</summary>
/// <param name="Value">Its value.</param>
public sealed record NumberNode(double Value) : ExpressionNode;

/// <summary>A state, a parameter or <c>t</c>.</summary>
/// <param name="Name">The identifier.</param>
public sealed record VariableNode(string Name) : ExpressionNode;

/// <summary>Negation.</summary>
/// <param name="Operand">What is negated.</param>
public sealed record NegateNode(ExpressionNode Operand) : ExpressionNode;

/// <summary>A binary operation: + − * / ^.</summary>
/// <param name="Operator">The operator character.</param>
/// <param name="Left">Left operand.</param>
/// <param name="Right">Right operand.</param>
public sealed record BinaryNode(char Operator, ExpressionNode Left, ExpressionNode Right) : ExpressionNode;

/// <summary>A call of a built-in function.</summary>
/// <param name="Function">exp, log, sqrt, sin, cos, tan, tanh, abs, min, max, pow.</param>
/// <param name="Arguments">The arguments.</param>
public sealed record CallNode(string Function, IReadOnlyList<ExpressionNode> Arguments) : ExpressionNode;
