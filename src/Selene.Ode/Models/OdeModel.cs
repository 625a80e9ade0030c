using Selene.Ode.Problems;

namespace Selene.Ode.Models;

/// <summary>
/// A model read from YAML: states with initial values, parameters, right-hand sides as expressions compiled to
/// one delegate, and the Jacobians ∂f/∂y and ∂f/∂p derived symbolically and compiled the same way.
/// </summary>
public sealed class OdeModel : IJacobianSystem
{
    private readonly Action<double, double[], double[], double[]> _rhs;
    private readonly Lazy<Action<double, double[], double[], double[]>> _jacobian;
    private readonly Lazy<Action<double, double[], double[], double[]>> _parameterJacobian;
    private readonly double[] _y;
    private readonly double[] _out;
    private double[]? _jac;

    internal OdeModel(string name, IReadOnlyList<string> states, double[] initial, IReadOnlyList<string> parameterNames, double[] parameters,
        IReadOnlyList<ExpressionNode> equations, double? t0, double? t1, IReadOnlyList<ModelEvent> events)
    {
        Name = name;
        States = states;
        InitialState = initial;
        ParameterNames = parameterNames;
        Parameters = parameters;
        Equations = equations;
        T0 = t0;
        T1 = t1;
        var stateIndex = states.Select((s, i) => (s, i)).ToDictionary(x => x.s, x => x.i, StringComparer.Ordinal);
        var parameterIndex = parameterNames.Select((s, i) => (s, i)).ToDictionary(x => x.s, x => x.i, StringComparer.Ordinal);
        _rhs = ExpressionCompiler.Compile(equations, stateIndex, parameterIndex);
        _jacobian = new(() => CompileDerivatives(stateIndex, stateIndex, parameterIndex));
        _parameterJacobian = new(() => CompileDerivatives(parameterIndex, stateIndex, parameterIndex));
        Events = events.Select(e => CompileEvent(e, stateIndex, parameterIndex)).ToList();
        _y = new double[states.Count];
        _out = new double[states.Count];
    }

    // ∂f/∂x row by row for the variables x of `by`, compiled when first asked for (an explicit method never asks) and
    // only where an equation mentions the variable: a large model's Jacobian is mostly zeros.
    private Action<double, double[], double[], double[]> CompileDerivatives(Dictionary<string, int> by,
        Dictionary<string, int> states, Dictionary<string, int> parameters)
    {
        var entries = new List<(int, ExpressionNode)>();
        for (var row = 0; row < Equations.Count; row++)
        {
            foreach (var name in Variables(Equations[row]).Where(by.ContainsKey).Order(StringComparer.Ordinal))
            {
                var derivative = Differentiator.Derivative(Equations[row], name);
                if (derivative is not NumberNode { Value: 0 })
                {
                    entries.Add(((row * by.Count) + by[name], derivative));
                }
            }
        }

        return ExpressionCompiler.CompileSparse(entries, Equations.Count * by.Count, states, parameters);
    }

    private static HashSet<string> Variables(ExpressionNode root)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<ExpressionNode>([root]);
        while (pending.TryPop(out var node))
        {
            switch (node)
            {
                case VariableNode v:
                    names.Add(v.Name);
                    break;
                case NegateNode n:
                    pending.Push(n.Operand);
                    break;
                case BinaryNode b:
                    pending.Push(b.Left);
                    pending.Push(b.Right);
                    break;
                case CallNode c:
                    c.Arguments.ToList().ForEach(pending.Push);
                    break;
            }
        }

        return names;
    }

    /// <summary>Model name.</summary>
    public string Name { get; }

    /// <summary>State names, in order.</summary>
    public IReadOnlyList<string> States { get; }

    /// <summary>Initial values of the states.</summary>
    public double[] InitialState { get; }

    /// <summary>Parameter names, in order.</summary>
    public IReadOnlyList<string> ParameterNames { get; }

    /// <summary>Parameter values.</summary>
    public double[] Parameters { get; }

    /// <summary>The parsed right-hand sides, one per state.</summary>
    public IReadOnlyList<ExpressionNode> Equations { get; }

    /// <summary>Start of the model's time span, if it names one.</summary>
    public double? T0 { get; }

    /// <summary>End of the model's time span, if it names one.</summary>
    public double? T1 { get; }

    /// <summary>The model's events, ready for <see cref="OdeOptions.Events"/>.</summary>
    public IReadOnlyList<Events.OdeEvent> Events { get; }

    /// <inheritdoc />
    public int Dimension => States.Count;

    /// <summary>True when no right-hand side mentions t.</summary>
    public bool IsAutonomous => Equations.All(e => !Mentions(e, "t"));

    private static bool Mentions(ExpressionNode node, string name) => node switch
    {
        VariableNode v => v.Name == name,
        NegateNode n => Mentions(n.Operand, name),
        BinaryNode b => Mentions(b.Left, name) || Mentions(b.Right, name),
        CallNode c => c.Arguments.Any(a => Mentions(a, name)),
        _ => false,
    };

    /// <inheritdoc />
    public void Rhs(double t, ReadOnlySpan<double> y, Span<double> dydt)
    {
        y.CopyTo(_y);
        _rhs(t, _y, Parameters, _out);
        _out.CopyTo(dydt);
    }

    /// <inheritdoc />
    public void Jacobian(double t, ReadOnlySpan<double> y, Span<double> jacobian)
    {
        y.CopyTo(_y);
        _jac ??= new double[Dimension * Dimension];
        _jacobian.Value(t, _y, Parameters, _jac);
        _jac.AsSpan().CopyTo(jacobian);
    }

    private Events.OdeEvent CompileEvent(ModelEvent e, IReadOnlyDictionary<string, int> states, IReadOnlyDictionary<string, int> parameters)
    {
        var when = ExpressionCompiler.Compile([e.When], states, parameters);
        var set = ExpressionCompiler.Compile(e.Assignments.Select(a => a.Value).ToList(), states, parameters);
        var y = new double[States.Count];
        var result = new double[Math.Max(1, e.Assignments.Count)];
        return new Events.OdeEvent
        {
            Name = e.Name,
            Direction = e.Direction,
            Terminal = e.Terminal,
            Function = (t, state) =>
            {
                state.CopyTo(y);
                when(t, y, Parameters, result);
                return result[0];
            },
            Action = e.Assignments.Count == 0 ? null : (t, state) =>
            {
                // Every new value is computed from the state before any changes, then all are written.
                state.CopyTo(y);
                set(t, y, Parameters, result);
                for (var i = 0; i < e.Assignments.Count; i++)
                {
                    state[e.Assignments[i].State] = result[i];
                }
            },
        };
    }

    /// <summary>The problem over the model's own span (or the one given).</summary>
    public OdeProblem Problem(double? t0 = null, double? t1 = null) =>
        new(this, t0 ?? T0 ?? 0, t1 ?? T1 ?? throw new ArgumentException("the model names no span; give t1", nameof(t1)), (double[])InitialState.Clone());

    /// <summary>The model as a <see cref="ParameterizedSystem"/>, with symbolic ∂f/∂y and ∂f/∂p, for sensitivities and fitting.</summary>
    public ParameterizedSystem ToParameterized()
    {
        var n = Dimension;
        var m = Parameters.Length;
        var y = new double[n];
        var p = new double[m];
        var output = new double[n * Math.Max(n, Math.Max(m, 1))];
        return new ParameterizedSystem(n, (double[])Parameters.Clone(),
            (t, state, parameters, dydt) => Call(_rhs, t, state, parameters, dydt, n),
            (t, state, parameters, jacobian) => Call(_jacobian.Value, t, state, parameters, jacobian, n * n),
            (t, state, parameters, jacobian) => Call(_parameterJacobian.Value, t, state, parameters, jacobian, n * m));

        void Call(Action<double, double[], double[], double[]> compiled, double t, ReadOnlySpan<double> state, ReadOnlySpan<double> parameters, Span<double> target, int count)
        {
            state.CopyTo(y);
            parameters.CopyTo(p);
            compiled(t, y, p, output);
            output.AsSpan(0, count).CopyTo(target);
        }
    }
}
