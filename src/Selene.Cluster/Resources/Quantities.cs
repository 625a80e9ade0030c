using System.Globalization;
using k8s.Models;

namespace Selene.Cluster.Resources;

/// <summary>
/// Kubernetes quantities (<c>32</c>, <c>256Gi</c>, <c>500m</c>) as whole thousandths, the unit the scheduler
/// accounts in for every resource: exact for CPU millicores and for byte counts up to 8 PiB.
/// </summary>
public static class Quantities
{
    /// <summary>Thousandths of <paramref name="quantity"/>, rounded up as Kubernetes rounds sub-milli amounts.</summary>
    /// <exception cref="OverflowException">The quantity is beyond 8 × 10¹⁵ units.</exception>
    public static long ToMilli(ResourceQuantity quantity)
    {
        ArgumentNullException.ThrowIfNull(quantity);
        var milli = decimal.Ceiling(quantity.ToDecimal() * 1000m);
        return milli > long.MaxValue / 1000 ? throw new OverflowException($"quantity {quantity} is too large") : (long)milli;
    }

    /// <summary>
    /// The value of <paramref name="quantity"/>, or false when it has none Selene can account in: KubernetesClient
    /// accepts <c>NaN</c> and <c>1e400</c> but cannot turn them into numbers.
    /// </summary>
    public static bool TryValue(ResourceQuantity quantity, out decimal value)
    {
        ArgumentNullException.ThrowIfNull(quantity);
        try
        {
            value = quantity.ToDecimal();
            _ = ToMilli(quantity);
            return true;
        }
        catch (Exception e) when (e is OverflowException or DivideByZeroException or FormatException or ArgumentException or InvalidOperationException)
        {
            value = 0;
            return false;
        }
    }

    /// <summary>Parses a quantity written as Kubernetes writes it; false with a reason when it is malformed.</summary>
    public static bool TryParse(string? text, out ResourceQuantity quantity, out string reason)
    {
        quantity = null!;
        if (string.IsNullOrWhiteSpace(text))
        {
            reason = "a quantity is required, such as 8, \"32\", 500m or 256Gi";
            return false;
        }

        try
        {
            quantity = new ResourceQuantity(text);
            _ = ToMilli(quantity);
            reason = "";
            return true;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException or InvalidOperationException or DivideByZeroException)
        {
            reason = $"'{text}' is not a Kubernetes quantity (such as 8, 500m, 256Gi or 1e3)";
            return false;
        }
    }

    /// <summary>Formats thousandths back as a plain number of units: 1500 → "1.5".</summary>
    public static string Format(long milli) => (milli / 1000m).ToString(CultureInfo.InvariantCulture);
}
