using System.Linq.Expressions;

namespace Selene.Ode.Models;

/// <summary>
/// Turns expression trees into one compiled delegate that fills an output array from (t, y, p): compiled once
/// with System.Linq.Expressions, so a call runs as IL with no interpretation.
/// </summary>
internal static class ExpressionCompiler
{
    /// <summary>Compiles <c>output[i] = expressions[i](t, y, p)</c> for every i.</summary>
    public static Action<double, double[], double[], double[]> Compile(
        IReadOnlyList<ExpressionNode> expressions, IReadOnlyDictionary<string, int> states, IReadOnlyDictionary<string, int> parameters) =>
        CompileSparse(expressions.Select((e, i) => (i, e)).ToList(), 0, states, parameters);

    /// <summary>
    /// Compiles a sparse fill: the first <paramref name="clear"/> elements of the output set to zero, then
    /// <c>output[index] = expression(t, y, p)</c> for each entry. A Jacobian is mostly zeros; only its entries are compiled.
    /// </summary>
    public static Action<double, double[], double[], double[]> CompileSparse(IReadOnlyList<(int Index, ExpressionNode Expression)> entries, int clear,
        IReadOnlyDictionary<string, int> states, IReadOnlyDictionary<string, int> parameters)
    {
        var t = Expression.Parameter(typeof(double), "t");
        var y = Expression.Parameter(typeof(double[]), "y");
        var p = Expression.Parameter(typeof(double[]), "p");
        var output = Expression.Parameter(typeof(double[]), "output");
        var body = new List<Expression>(entries.Count + 1);
        if (clear > 0)
        {
            body.Add(Expression.Call(typeof(Array).GetMethod(nameof(Array.Clear), [typeof(Array), typeof(int), typeof(int)])!,
                output, Expression.Constant(0), Expression.Constant(clear)));
        }

        body.AddRange(entries.Select(e => (Expression)Expression.Assign(Expression.ArrayAccess(output, Expression.Constant(e.Index)), Build(e.Expression, t, y, p, states, parameters))));
        body.Add(Expression.Empty());
        return Expression.Lambda<Action<double, double[], double[], double[]>>(Expression.Block(body), t, y, p, output).Compile();
    }

    private static Expression Build(ExpressionNode node, ParameterExpression t, ParameterExpression y, ParameterExpression p,
        IReadOnlyDictionary<string, int> states, IReadOnlyDictionary<string, int> parameters)
    {
        Expression Recurse(ExpressionNode n) => Build(n, t, y, p, states, parameters);
        return node switch
        {
            NumberNode n => Expression.Constant(n.Value),
            VariableNode { Name: "t" } => t,
            VariableNode v when states.TryGetValue(v.Name, out var i) => Expression.ArrayIndex(y, Expression.Constant(i)),
            VariableNode v => Expression.ArrayIndex(p, Expression.Constant(parameters[v.Name])),
            NegateNode n => Expression.Negate(Recurse(n.Operand)),
            BinaryNode { Operator: '+' } b => Expression.Add(Recurse(b.Left), Recurse(b.Right)),
            BinaryNode { Operator: '-' } b => Expression.Subtract(Recurse(b.Left), Recurse(b.Right)),
            BinaryNode { Operator: '*' } b => Expression.Multiply(Recurse(b.Left), Recurse(b.Right)),
            BinaryNode { Operator: '/' } b => Expression.Divide(Recurse(b.Left), Recurse(b.Right)),
            BinaryNode { Operator: '^', Right: NumberNode { Value: 2 } } b => Square(Recurse(b.Left)),
            BinaryNode b => Call("Pow", Recurse(b.Left), Recurse(b.Right)),
            CallNode { Function: "select_le" } c => Expression.Condition(
                Expression.LessThanOrEqual(Recurse(c.Arguments[0]), Recurse(c.Arguments[1])), Recurse(c.Arguments[2]), Recurse(c.Arguments[3])),
            CallNode { Function: "step" } c => Expression.Condition(Expression.GreaterThan(Recurse(c.Arguments[0]), Expression.Constant(0.0)), Expression.Constant(1.0), Expression.Constant(0.0)),
            CallNode c => Call(MathName(c.Function), c.Arguments.Select(Recurse).ToArray()),
            _ => throw new ArgumentException($"unknown node {node}", nameof(node)),
        };
    }

    // x² as x·x: exact, and faster than Math.Pow.
    private static BlockExpression Square(Expression x)
    {
        var temporary = Expression.Variable(typeof(double));
        return Expression.Block([temporary], Expression.Assign(temporary, x), Expression.Multiply(temporary, temporary));
    }

    private static string MathName(string function) => function switch
    {
        "log" => "Log",
        "pow" => "Pow",
        _ => char.ToUpperInvariant(function[0]) + function[1..],
    };

    private static MethodCallExpression Call(string method, params Expression[] arguments) =>
        Expression.Call(typeof(Math).GetMethod(method, arguments.Select(_ => typeof(double)).ToArray())!, arguments);
}
