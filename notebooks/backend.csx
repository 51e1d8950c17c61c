// The TorchSharp backend of every notebook here (each one's first cell imports this file): the one line to change.
//   CPU, any machine:       #r "nuget: TorchSharp-cpu, 0.107.0"
//   NVIDIA GPU on Linux:    #r "nuget: TorchSharp-cuda-linux, 0.107.0"   (needs a CUDA driver; see environment.md)
// Restart the kernel after changing it: a kernel keeps the backend it loaded first.
#r "nuget: TorchSharp-cpu, 0.107.0"
