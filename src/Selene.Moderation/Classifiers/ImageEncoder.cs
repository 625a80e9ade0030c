using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Selene.Moderation.Images;

namespace Selene.Moderation.Classifiers;

/// <summary>
/// An image encoder in ONNX (one float input N×3×H×W, one float output): the image is resized to H×W (bilinear),
/// scaled to [0, 1], normalised per channel, and run; the output, flattened, is its embedding. ImageNet's mean and
/// standard deviation unless told otherwise.
/// </summary>
public sealed class ImageEncoder : IDisposable
{
    private readonly InferenceSession _session;
    private readonly string _input;
    private readonly string _output;
    private readonly int _height;
    private readonly int _width;
    private readonly float[] _mean;
    private readonly float[] _std;
    private readonly float _scale;

    /// <summary>Loads the encoder at <paramref name="path"/>.</summary>
    /// <param name="path">The ONNX model.</param>
    /// <param name="mean">Per-channel mean subtracted after scaling (default ImageNet's 0.485, 0.456, 0.406).</param>
    /// <param name="std">Per-channel standard deviation divided by (default ImageNet's 0.229, 0.224, 0.225).</param>
    /// <param name="scale">Pixel values are multiplied by this first (default 1/255; 1 for models that take 0–255).</param>
    /// <exception cref="InvalidDataException">The file is not a model ONNX Runtime loads, or not an encoder of this shape.</exception>
    public ImageEncoder(string path, float[]? mean = null, float[]? std = null, float scale = 1f / 255)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            _session = new InferenceSession(path);
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidDataException($"{path}: not an ONNX model ONNX Runtime loads: {e.Message}", e);
        }

        var input = _session.InputMetadata.Single();
        var dims = input.Value.Dimensions;
        if (_session.InputMetadata.Count != 1 || _session.OutputMetadata.Count < 1 || input.Value.ElementDataType != TensorElementType.Float
            || dims.Length != 4 || dims[1] != 3 || dims[2] <= 0 || dims[3] <= 0)
        {
            _session.Dispose();
            throw new InvalidDataException($"{path}: an image encoder takes one float input N×3×H×W with H and W fixed; this one takes {input.Key} [{string.Join("×", dims)}]");
        }

        (_input, _output, _height, _width) = (input.Key, _session.OutputMetadata.Keys.First(), dims[2], dims[3]);
        (_mean, _std, _scale) = (mean ?? [0.485f, 0.456f, 0.406f], std ?? [0.229f, 0.224f, 0.225f], scale);
    }

    /// <summary>Length of an embedding.</summary>
    public int Dimension => (int)_session.OutputMetadata[_output].Dimensions.Where(d => d > 0).Aggregate(1L, (a, b) => a * b);

    /// <summary>The embedding of <paramref name="image"/>.</summary>
    public float[] Encode(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var resized = image.Width == _width && image.Height == _height ? image : SkiaPixels.Resize(image, _width, _height);
        var plane = _height * _width;
        var pixels = new float[3 * plane];
        var source = resized.Pixels;
        for (var at = 0; at < plane; at++)
        {
            pixels[at] = ((source[3 * at] * _scale) - _mean[0]) / _std[0];
            pixels[plane + at] = ((source[(3 * at) + 1] * _scale) - _mean[1]) / _std[1];
            pixels[(2 * plane) + at] = ((source[(3 * at) + 2] * _scale) - _mean[2]) / _std[2];
        }

        using var value = OrtValue.CreateTensorValueFromMemory(pixels, [1, 3, _height, _width]);
        using var run = new RunOptions();
        using var outputs = _session.Run(run, [_input], [value], [_output]);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();
}
