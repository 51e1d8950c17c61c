using System.Diagnostics;
using Cads.Data;
using Cads.ImageWorld;
using Cads.Tests.Sampling.Support;
using TorchSharp;
using Xunit.Abstractions;

namespace Cads.Tests.ImageWorld;

public class ClassifierTests(ITestOutputHelper output)
{
    [Fact]
    public void Shipped_classifier_reaches_90_percent_on_the_heldout_split()
    {
        using var heldout = FashionMnist.Load("heldout");
        using var classifier = Classifier.LoadShipped();
        var clock = Stopwatch.StartNew();
        var accuracy = classifier.Accuracy(heldout.Images, heldout.Labels);
        output.WriteLine($"held-out accuracy {accuracy:P2} in {clock.Elapsed.TotalSeconds:F1} s");
        Assert.True(accuracy >= 0.90, $"held-out accuracy {accuracy:P2} < 90%");
    }

    [Fact]
    public void Features_logits_and_predictions_have_the_documented_shapes()
    {
        using var heldout = FashionMnist.Load("heldout");
        using var classifier = Classifier.LoadShipped();
        using var images = heldout.Images[..700];
        using var features = classifier.Features(images);
        using var logits = classifier.Logits(images);
        using var predictions = classifier.Predict(images);
        Assert.Equal(new long[] { 700, Classifier.FeatureSize }, features.shape);
        Assert.Equal(128, Classifier.FeatureSize);
        Assert.Equal(torch.ScalarType.Float32, features.dtype);
        Assert.True(features.min().item<float>() >= 0, "features come after a ReLU");
        Assert.Equal(new long[] { 700, 10 }, logits.shape);
        Assert.Equal(new long[] { 700 }, predictions.shape);
        Assert.False(features.requires_grad);
        // Chunked inference must agree with one image at a time.
        using var single = classifier.Features(images[..1]);
        TensorAssert.Close(features[..1], single, atol: 1e-5, rtol: 1e-4, "one image's features alone vs in a chunk");
    }

    [Fact]
    public void Input_of_the_wrong_shape_is_rejected()
    {
        using var classifier = new Classifier();
        using var images = torch.zeros(4, 28, 28);
        var e = Assert.Throws<ArgumentException>(() => classifier.Features(images));
        Assert.Equal("images", e.ParamName);
        Assert.Contains("[N, 1, 28, 28]; got [4, 28, 28]", e.Message);
    }

    [Fact]
    public void Missing_weights_name_the_file_and_the_command()
    {
        using var temp = new TempFolder();
        var path = temp.File("classifier.pt");
        var e = Assert.Throws<FileNotFoundException>(() => Classifier.Load(path));
        Assert.StartsWith($"{path}: weights not found", e.Message);
        Assert.Contains("cads train classifier", e.Message);
    }

    [Fact]
    public void Save_then_load_gives_the_same_outputs()
    {
        using var temp = new TempFolder();
        using var classifier = new Classifier();
        using var images = torch.rand(5, 1, 28, 28) * 2 - 1;
        classifier.Save(temp.File("c.pt"));
        using var loaded = Classifier.Load(temp.File("c.pt"));
        TensorAssert.Close(classifier.Logits(images), loaded.Logits(images), TensorAssert.DefaultAtol, TensorAssert.DefaultRtol, "loaded vs saved logits");
    }
}
