namespace Selene.Simulation.Live;

/// <summary>A site now.</summary>
/// <param name="Name">The site's name.</param>
/// <param name="Location">earth, moon or orbit.</param>
/// <param name="LatitudeDegrees">Latitude on its body.</param>
/// <param name="LongitudeDegrees">East longitude on its body.</param>
/// <param name="Gpus">GPUs working.</param>
/// <param name="Busy">GPUs serving a request.</param>
/// <param name="Queued">Requests waiting for a GPU.</param>
/// <param name="Served">Requests served so far.</param>
/// <param name="Link">The link to Earth; null on Earth.</param>
/// <param name="Power">The power system; null where the scenario models none.</param>
public sealed record SiteNow(string Name, string Location, double LatitudeDegrees, double LongitudeDegrees, int Gpus, int Busy, int Queued, long Served, LinkNow? Link, PowerNow? Power);
