namespace Selene.Ode.Models;

/// <summary>Symbolic derivatives of expressions, simplified as they are built (0·x = 0, 1·x = x, x + 0 = x, constants folded).</summary>
public static class Differentiator
{
    /// <summary>∂<paramref name="node"/>/∂<paramref name="variable"/>.</summary>
    public static ExpressionNode Derivative(ExpressionNode node, string variable)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node switch
        {
            NumberNode => Zero,
            VariableNode v => v.Name == variable ? One : Zero,
            NegateNode n => Negate(Derivative(n.Operand, variable)),
            BinaryNode b => Binary(b, variable),
            CallNode c => Call(c, variable),
            _ => throw new ArgumentException($"unknown node {node}", nameof(node)),
        };
    }

    private static readonly NumberNode Zero = new(0);
    private static readonly NumberNode One = new(1);

    private static ExpressionNode Binary(BinaryNode b, string x)
    {
        var (u, v) = (b.Left, b.Right);
        var du = Derivative(u, x);
        var dv = Derivative(v, x);
        switch (b.Operator)
        {
            case '+':
                return Add(du, dv);
            case '-':
                return Subtract(du, dv);
            case '*':
                return Add(Multiply(du, v), Multiply(u, dv));
            case '/':
                // (u/v)′ = u′/v − u v′/v²
                return Subtract(Divide(du, v), Divide(Multiply(u, dv), Multiply(v, v)));
            default: // '^'
                if (v is NumberNode exponent)
                {
                    return Multiply(Multiply(new NumberNode(exponent.Value), Power(u, new NumberNode(exponent.Value - 1))), du);
                }

                // (u^v)′ = u^v (v′ ln u + v u′/u)
                return Multiply(b, Add(Multiply(dv, new CallNode("log", [u])), Divide(Multiply(v, du), u)));
        }
    }

    private static ExpressionNode Call(CallNode c, string x)
    {
        var u = c.Arguments[0];
        var du = Derivative(u, x);
        return c.Function switch
        {
            "exp" => Multiply(c, du),
            "log" => Divide(du, u),
            "sqrt" => Divide(du, Multiply(new NumberNode(2), c)),
            "sin" => Multiply(new CallNode("cos", [u]), du),
            "cos" => Negate(Multiply(new CallNode("sin", [u]), du)),
            "tan" => Divide(du, Power(new CallNode("cos", [u]), new NumberNode(2))),
            "tanh" => Multiply(Subtract(One, Power(c, new NumberNode(2))), du),
            "abs" => Multiply(Divide(u, c), du),
            "step" => Zero,
            "pow" => Binary(new BinaryNode('^', u, c.Arguments[1]), x),
            // min/max: the derivative of whichever argument is selected (a subgradient at ties).
            "min" => new CallNode("select_le", [u, c.Arguments[1], du, Derivative(c.Arguments[1], x)]),
            "max" => new CallNode("select_le", [c.Arguments[1], u, du, Derivative(c.Arguments[1], x)]),
            _ => throw new ArgumentException($"cannot differentiate {c.Function}", nameof(c)),
        };
    }

    private static ExpressionNode Add(ExpressionNode a, ExpressionNode b) => (a, b) switch
    {
        (NumberNode { Value: 0 }, _) => b,
        (_, NumberNode { Value: 0 }) => a,
        (NumberNode x, NumberNode y) => new NumberNode(x.Value + y.Value),
        _ => new BinaryNode('+', a, b),
    };

    private static ExpressionNode Subtract(ExpressionNode a, ExpressionNode b) => (a, b) switch
    {
        (_, NumberNode { Value: 0 }) => a,
        (NumberNode { Value: 0 }, _) => Negate(b),
        (NumberNode x, NumberNode y) => new NumberNode(x.Value - y.Value),
        _ => new BinaryNode('-', a, b),
    };

    private static ExpressionNode Multiply(ExpressionNode a, ExpressionNode b) => (a, b) switch
    {
        (NumberNode { Value: 0 }, _) or (_, NumberNode { Value: 0 }) => Zero,
        (NumberNode { Value: 1 }, _) => b,
        (_, NumberNode { Value: 1 }) => a,
        (NumberNode x, NumberNode y) => new NumberNode(x.Value * y.Value),
        _ => new BinaryNode('*', a, b),
    };

    private static ExpressionNode Divide(ExpressionNode a, ExpressionNode b) => (a, b) switch
    {
        (NumberNode { Value: 0 }, _) => Zero,
        (_, NumberNode { Value: 1 }) => a,
        _ => new BinaryNode('/', a, b),
    };

    private static ExpressionNode Power(ExpressionNode a, ExpressionNode b) => b switch
    {
        NumberNode { Value: 0 } => One,
        NumberNode { Value: 1 } => a,
        _ => new BinaryNode('^', a, b),
    };

    private static ExpressionNode Negate(ExpressionNode a) => a switch
    {
        NumberNode n => new NumberNode(-n.Value),
        NegateNode n => n.Operand,
        _ => new NegateNode(a),
    };
}
