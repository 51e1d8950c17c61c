using Cads.Runtime;
using TorchSharp;
Console.WriteLine(CadsRuntime.Describe());
var x = torch.ones(3, device: CadsRuntime.Device) * 2;
Console.WriteLine(x.sum().item<float>());
