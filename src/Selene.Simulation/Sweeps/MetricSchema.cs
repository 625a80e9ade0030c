using System.Collections;
using System.Reflection;
using Selene.Simulation.Metrics;
using Selene.Simulation.Scenarios;

namespace Selene.Simulation.Sweeps;

/// <summary>Checks a metrics path against metrics.json's schema (the metrics document's records) before any run.</summary>
internal static class MetricSchema
{
    private static readonly HashSet<Type> s_numbers = [typeof(double), typeof(float), typeof(int), typeof(long), typeof(decimal), typeof(bool)];

    /// <summary>Null when <paramref name="path"/> names numbers a run of <paramref name="scenario"/> reports; else why not.</summary>
    public static string? Problem(MetricPath path, Scenario scenario)
    {
        var type = typeof(MetricsDocument);
        var prefix = "";
        foreach (var (key, item) in path.Segments)
        {
            prefix = prefix.Length == 0 ? key : $"{prefix}.{key}";
            var property = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).FirstOrDefault(p => Camel(p.Name) == key);
            if (property is null)
            {
                return $"metrics.json has no '{prefix}' ({Fields(type)})";
            }

            type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (item is null)
            {
                continue;
            }

            var element = type.IsArray ? type.GetElementType() : type.GetInterfaces().Append(type)
                .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];
            if (element is null || type == typeof(string) || !typeof(IEnumerable).IsAssignableFrom(type))
            {
                return $"'{prefix}' is not a list";
            }

            var names = key switch
            {
                "tenants" => scenario.Tenants.Select(t => t.Name).ToList(),
                "sites" => scenario.Sites.Select(s => s.Name).ToList(),
                _ => null,
            };
            if (item != "*" && names is not null && !names.Contains(item))
            {
                return $"'{prefix}' has no item '{item}' (the scenario has {string.Join(", ", names)})";
            }

            type = element;
            prefix += $"[{item}]";
        }

        return s_numbers.Contains(type) ? null : $"'{path}' is not a number in metrics.json ({(type.IsClass && type != typeof(string) ? $"an object with {Fields(type)}" : type.Name)})";
    }

    private static string Fields(Type type) => string.Join(", ", type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => Camel(p.Name)).Take(12));

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
