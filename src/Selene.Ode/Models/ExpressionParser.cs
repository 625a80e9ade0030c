using System.Globalization;

namespace Selene.Ode.Models;

/// <summary>An expression that could not be parsed, with the 0-based position of the problem in its text.</summary>
public sealed class ExpressionException(string message, int position) : Exception(message)
{
    /// <summary>0-based character position in the expression.</summary>
    public int Position { get; } = position;
}

/// <summary>
/// Recursive-descent parser for right-hand sides: numbers (1, 2.5, 1e4), identifiers, + − * / ^ (right
/// associative, binding tighter than unary minus, as in mathematics: −x^2 = −(x²)), parentheses and the calls
/// exp, log, sqrt, sin, cos, tan, tanh, abs (one argument), min, max, pow (two).
/// </summary>
public sealed class ExpressionParser
{
    private static readonly Dictionary<string, int> s_functions = new(StringComparer.Ordinal)
    {
        ["exp"] = 1, ["log"] = 1, ["sqrt"] = 1, ["sin"] = 1, ["cos"] = 1, ["tan"] = 1, ["tanh"] = 1, ["abs"] = 1,
        ["min"] = 2, ["max"] = 2, ["pow"] = 2,
    };

    private readonly string _text;
    private readonly IReadOnlySet<string> _names;
    private int _position;

    private ExpressionParser(string text, IReadOnlySet<string> names)
    {
        _text = text;
        _names = names;
    }

    /// <summary>Parses <paramref name="text"/>; identifiers must be in <paramref name="names"/>.</summary>
    /// <exception cref="ExpressionException">The text is not a valid expression.</exception>
    public static ExpressionNode Parse(string text, IReadOnlySet<string> names)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new ExpressionParser(text, names);
        var node = parser.Sum();
        parser.SkipSpaces();
        if (parser._position < text.Length)
        {
            throw new ExpressionException($"unexpected '{text[parser._position]}'", parser._position);
        }

        return node;
    }

    private ExpressionNode Sum()
    {
        var left = Product();
        while (true)
        {
            SkipSpaces();
            if (Peek() is '+' or '-')
            {
                var op = _text[_position++];
                left = new BinaryNode(op, left, Product());
            }
            else
            {
                return left;
            }
        }
    }

    private ExpressionNode Product()
    {
        var left = Unary();
        while (true)
        {
            SkipSpaces();
            if (Peek() is '*' or '/')
            {
                var op = _text[_position++];
                left = new BinaryNode(op, left, Unary());
            }
            else
            {
                return left;
            }
        }
    }

    private ExpressionNode Unary()
    {
        SkipSpaces();
        if (Peek() == '-')
        {
            _position++;
            return new NegateNode(Unary());
        }

        if (Peek() == '+')
        {
            _position++;
            return Unary();
        }

        return Power();
    }

    private ExpressionNode Power()
    {
        var baseNode = Atom();
        SkipSpaces();
        if (Peek() == '^')
        {
            _position++;
            return new BinaryNode('^', baseNode, Unary());
        }

        return baseNode;
    }

    private ExpressionNode Atom()
    {
        SkipSpaces();
        var start = _position;
        var c = Peek();
        if (c == '(')
        {
            _position++;
            var inner = Sum();
            Expect(')');
            return inner;
        }

        if (char.IsDigit(c) || c == '.')
        {
            while (_position < _text.Length && (char.IsDigit(_text[_position]) || _text[_position] == '.'))
            {
                _position++;
            }

            if (_position < _text.Length && _text[_position] is 'e' or 'E')
            {
                var save = _position++;
                if (_position < _text.Length && _text[_position] is '+' or '-')
                {
                    _position++;
                }

                if (_position < _text.Length && char.IsDigit(_text[_position]))
                {
                    while (_position < _text.Length && char.IsDigit(_text[_position]))
                    {
                        _position++;
                    }
                }
                else
                {
                    _position = save;
                }
            }

            var literal = _text[start.._position];
            return double.TryParse(literal, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                ? new NumberNode(value)
                : throw new ExpressionException($"'{literal}' is not a number", start);
        }

        if (char.IsLetter(c) || c == '_')
        {
            while (_position < _text.Length && (char.IsLetterOrDigit(_text[_position]) || _text[_position] == '_'))
            {
                _position++;
            }

            var name = _text[start.._position];
            SkipSpaces();
            if (Peek() == '(')
            {
                if (!s_functions.TryGetValue(name, out var arity))
                {
                    throw new ExpressionException($"unknown function '{name}'; functions are {string.Join(", ", s_functions.Keys)}", start);
                }

                _position++;
                var arguments = new List<ExpressionNode> { Sum() };
                while (Peek() == ',')
                {
                    _position++;
                    arguments.Add(Sum());
                }

                Expect(')');
                return arguments.Count == arity
                    ? new CallNode(name, arguments)
                    : throw new ExpressionException($"{name} takes {arity} argument{(arity == 1 ? "" : "s")}, got {arguments.Count}", start);
            }

            return _names.Contains(name)
                ? new VariableNode(name)
                : throw new ExpressionException($"unknown name '{name}'; use t, a state or a parameter", start);
        }

        throw new ExpressionException(_position >= _text.Length ? "the expression ends too soon" : $"unexpected '{c}'", _position);
    }

    private void Expect(char c)
    {
        SkipSpaces();
        if (Peek() != c)
        {
            throw new ExpressionException(_position >= _text.Length ? $"missing '{c}'" : $"expected '{c}', found '{_text[_position]}'", _position);
        }

        _position++;
    }

    private char Peek() => _position < _text.Length ? _text[_position] : '\0';

    private void SkipSpaces()
    {
        while (_position < _text.Length && char.IsWhiteSpace(_text[_position]))
        {
            _position++;
        }
    }
}
