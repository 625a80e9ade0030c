using System.Globalization;
using Selene.Astro.Time;

namespace Selene.Simulation.Scenarios;

/// <summary>The stretch of time a scenario may cover: Selene's time scales (the ΔT model) reach from 1900 to 2100.</summary>
public static class ScenarioTimeSpan
{
    /// <summary>Why a run from <paramref name="epoch"/> lasting <paramref name="durationSeconds"/> cannot be simulated, or null when it can.</summary>
    public static string? Problem(DateTimeOffset epoch, double durationSeconds)
    {
        if (epoch.UtcDateTime < AstroTime.First || epoch.UtcDateTime >= AstroTime.End)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{epoch.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ} is outside 1900-01-01 to 2100-12-31, the years Selene's time scales cover");
        }

        var end = epoch.UtcDateTime.AddSeconds(Math.Min(durationSeconds, (AstroTime.End - AstroTime.First).TotalSeconds));
        return end > AstroTime.End
            ? string.Create(CultureInfo.InvariantCulture, $"a run from {epoch.UtcDateTime:yyyy-MM-dd} lasting {durationSeconds / 86_400:0.##} days ends after 2100-12-31, beyond the years Selene's time scales cover")
            : null;
    }
}
