using Cads.Runtime;
using TorchSharp;

namespace Cads.Tests.Runtime;

public class DeviceChoiceTests
{
    [Theory]
    [InlineData(null, true, DeviceType.CUDA)]
    [InlineData(null, false, DeviceType.CPU)]
    [InlineData("", true, DeviceType.CUDA)]
    [InlineData("auto", false, DeviceType.CPU)]
    [InlineData("cpu", true, DeviceType.CPU)]
    [InlineData(" CPU ", false, DeviceType.CPU)]
    [InlineData("cuda", true, DeviceType.CUDA)]
    public void Chooses_cuda_when_available_unless_overridden(string? requested, bool cudaAvailable, DeviceType expected) =>
        Assert.Equal(expected, DeviceChoice.Resolve(requested, cudaAvailable));

    [Fact]
    public void Asking_for_cuda_without_it_names_the_backend_package_and_the_docs()
    {
        var e = Assert.Throws<InvalidOperationException>(() => DeviceChoice.Resolve("cuda", cudaAvailable: false));
        Assert.Contains("TorchSharp-cuda-linux", e.Message);
        Assert.Contains("environment.md", e.Message);
        Assert.Contains("CADS_DEVICE", e.Message);
    }

    [Fact]
    public void An_unknown_device_names_the_variable_and_the_allowed_values()
    {
        var e = Assert.Throws<ArgumentException>(() => DeviceChoice.Resolve("tpu", cudaAvailable: true));
        Assert.Equal("CADS_DEVICE", e.ParamName);
        Assert.Contains("cpu, cuda", e.Message);
        Assert.Contains("'tpu'", e.Message);
    }

    [Fact]
    public void The_runtime_device_follows_the_rule_on_this_machine()
    {
        var expected = DeviceChoice.Resolve(Environment.GetEnvironmentVariable(DeviceChoice.Variable), torch.cuda.is_available());
        Assert.Equal(expected, CadsRuntime.Device.type);
    }
}
