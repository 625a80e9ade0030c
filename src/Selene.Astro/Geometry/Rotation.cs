namespace Selene.Astro.Geometry;

/// <summary>A 3×3 rotation matrix, row-major; applying it maps a vector from one frame to another.</summary>
/// <param name="M11">Row 1, column 1.</param>
/// <param name="M12">Row 1, column 2.</param>
/// <param name="M13">Row 1, column 3.</param>
/// <param name="M21">Row 2, column 1.</param>
/// <param name="M22">Row 2, column 2.</param>
/// <param name="M23">Row 2, column 3.</param>
/// <param name="M31">Row 3, column 1.</param>
/// <param name="M32">Row 3, column 2.</param>
/// <param name="M33">Row 3, column 3.</param>
public readonly record struct Rotation(
    double M11, double M12, double M13,
    double M21, double M22, double M23,
    double M31, double M32, double M33)
{
    /// <summary>The identity.</summary>
    public static Rotation Identity { get; } = new(1, 0, 0, 0, 1, 0, 0, 0, 1);

    /// <summary>Rotation of the frame about the x axis by <paramref name="angle"/> radians (R1 in the IERS conventions).</summary>
    public static Rotation AboutX(double angle)
    {
        var (s, c) = Math.SinCos(angle);
        return new(1, 0, 0, 0, c, s, 0, -s, c);
    }

    /// <summary>Rotation of the frame about the y axis (R2).</summary>
    public static Rotation AboutY(double angle)
    {
        var (s, c) = Math.SinCos(angle);
        return new(c, 0, -s, 0, 1, 0, s, 0, c);
    }

    /// <summary>Rotation of the frame about the z axis (R3).</summary>
    public static Rotation AboutZ(double angle)
    {
        var (s, c) = Math.SinCos(angle);
        return new(c, s, 0, -s, c, 0, 0, 0, 1);
    }

    /// <summary>The inverse rotation (the transpose).</summary>
    public Rotation Transpose() => new(M11, M21, M31, M12, M22, M32, M13, M23, M33);

    /// <summary>Applies the rotation to a vector.</summary>
    public Vector3D Apply(Vector3D v) => new(
        (M11 * v.X) + (M12 * v.Y) + (M13 * v.Z),
        (M21 * v.X) + (M22 * v.Y) + (M23 * v.Z),
        (M31 * v.X) + (M32 * v.Y) + (M33 * v.Z));

    /// <summary>Composition: <c>(a * b).Apply(v) == a.Apply(b.Apply(v))</c>.</summary>
    public static Rotation operator *(Rotation a, Rotation b) => new(
        (a.M11 * b.M11) + (a.M12 * b.M21) + (a.M13 * b.M31), (a.M11 * b.M12) + (a.M12 * b.M22) + (a.M13 * b.M32), (a.M11 * b.M13) + (a.M12 * b.M23) + (a.M13 * b.M33),
        (a.M21 * b.M11) + (a.M22 * b.M21) + (a.M23 * b.M31), (a.M21 * b.M12) + (a.M22 * b.M22) + (a.M23 * b.M32), (a.M21 * b.M13) + (a.M22 * b.M23) + (a.M23 * b.M33),
        (a.M31 * b.M11) + (a.M32 * b.M21) + (a.M33 * b.M31), (a.M31 * b.M12) + (a.M32 * b.M22) + (a.M33 * b.M32), (a.M31 * b.M13) + (a.M32 * b.M23) + (a.M33 * b.M33));

    /// <summary>Named alternative for the * operator.</summary>
    public static Rotation Multiply(Rotation a, Rotation b) => a * b;
}
