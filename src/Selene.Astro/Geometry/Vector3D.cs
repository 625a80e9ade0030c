namespace Selene.Astro.Geometry;

/// <summary>A position or direction in three dimensions, in kilometres unless a name says otherwise.</summary>
/// <param name="X">First component.</param>
/// <param name="Y">Second component.</param>
/// <param name="Z">Third component.</param>
public readonly record struct Vector3D(double X, double Y, double Z)
{
    /// <summary>Euclidean length.</summary>
    public double Length => Math.Sqrt(Dot(this));

    /// <summary>The same direction with length one.</summary>
    public Vector3D Normalize() => this / Length;

    /// <summary>The components in kilometres, as (x, y, z).</summary>
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"({X}, {Y}, {Z})");

    /// <summary>Dot product.</summary>
    public double Dot(Vector3D other) => (X * other.X) + (Y * other.Y) + (Z * other.Z);

    /// <summary>Cross product.</summary>
    public Vector3D Cross(Vector3D o) => new((Y * o.Z) - (Z * o.Y), (Z * o.X) - (X * o.Z), (X * o.Y) - (Y * o.X));

    /// <summary>Sum.</summary>
    public static Vector3D operator +(Vector3D a, Vector3D b) => new(a.X + b.X, a.Y + b.Y, a.Z + b.Z);

    /// <summary>Difference.</summary>
    public static Vector3D operator -(Vector3D a, Vector3D b) => new(a.X - b.X, a.Y - b.Y, a.Z - b.Z);

    /// <summary>Negation.</summary>
    public static Vector3D operator -(Vector3D a) => new(-a.X, -a.Y, -a.Z);

    /// <summary>Scaling.</summary>
    public static Vector3D operator *(Vector3D a, double s) => new(a.X * s, a.Y * s, a.Z * s);

    /// <summary>Scaling.</summary>
    public static Vector3D operator *(double s, Vector3D a) => a * s;

    /// <summary>Division by a scalar.</summary>
    public static Vector3D operator /(Vector3D a, double s) => new(a.X / s, a.Y / s, a.Z / s);

    /// <summary>Named alternative for the + operator.</summary>
    public static Vector3D Add(Vector3D a, Vector3D b) => a + b;

    /// <summary>Named alternative for the - operator.</summary>
    public static Vector3D Subtract(Vector3D a, Vector3D b) => a - b;

    /// <summary>Named alternative for unary -.</summary>
    public static Vector3D Negate(Vector3D a) => -a;

    /// <summary>Named alternative for the * operator.</summary>
    public static Vector3D Multiply(Vector3D a, double s) => a * s;

    /// <summary>Named alternative for the / operator.</summary>
    public static Vector3D Divide(Vector3D a, double s) => a / s;

    /// <summary>The angle between two directions, in radians.</summary>
    public double AngleTo(Vector3D other) => Math.Atan2(Cross(other).Length, Dot(other));
}
