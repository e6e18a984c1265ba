// Runs a libFuzzer harness without libFuzzer, for the test suite (any compiler, the suite's
// sanitizers): every file of the folders named (seed corpus, regressions), then a fixed number of
// deterministic mutations of them (fixed seed: bit flips, byte and token inserts, deletions,
// truncation, splicing of two files). A crash or a sanitizer report ends the process, as under
// libFuzzer; the input that caused it is first saved as crash-<harness> in the working directory.
//
//   <harness> [--mutations N] [--seed S] FOLDER...

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <random>
#include <string>
#include <string_view>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);
extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv);  // quiet_logs.cpp, in every harness
extern "C" void __sanitizer_set_death_callback(void (*callback)()) __attribute__((weak));

namespace {

namespace fs = std::filesystem;
using Bytes = std::string;

// The input being run, for the crash handlers (which may only make system calls).
const char* current_data = nullptr;
std::size_t current_size = 0;
char crash_path[256] = "crash-input";

void save_current_input() {
  if (current_data == nullptr) return;
  int fd = ::open(crash_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0) return;
  for (std::size_t done = 0; done < current_size;) {
    ssize_t n = ::write(fd, current_data + done, current_size - done);
    if (n <= 0) break;
    done += static_cast<std::size_t>(n);
  }
  ::close(fd);
  const char note[] = "fuzz: the failing input is saved as ";
  (void)!::write(2, note, sizeof note - 1);
  (void)!::write(2, crash_path, std::strlen(crash_path));
  (void)!::write(2, "\n", 1);
  current_data = nullptr;
}

void on_fatal_signal(int sig) {
  save_current_input();
  std::signal(sig, SIG_DFL);
  std::raise(sig);
}

// Exactly sized heap copy, so that AddressSanitizer sees a read past the end.
void run(const Bytes& input) {
  auto copy = std::make_unique<std::uint8_t[]>(input.size() + (input.empty() ? 1 : 0));
  std::memcpy(copy.get(), input.data(), input.size());
  current_data = reinterpret_cast<const char*>(copy.get());
  current_size = input.size();
  LLVMFuzzerTestOneInput(copy.get(), input.size());
  current_data = nullptr;
}

std::vector<Bytes> read_folder(const fs::path& dir) {
  std::vector<fs::path> paths;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.is_regular_file() && !entry.path().filename().string().starts_with('.')) {
      paths.push_back(entry.path());
    }
  }
  std::sort(paths.begin(), paths.end());
  std::vector<Bytes> out;
  for (const fs::path& p : paths) {
    std::ifstream in(p, std::ios::binary);
    out.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  return out;
}

// Tokens of the formats the harnesses read (JSON, query strings, numbers at their limits).
constexpr std::string_view kTokens[] = {"0",
                                        "-1",
                                        "1e308",
                                        "-1e308",
                                        "1e-320",
                                        "9007199254740993",
                                        "18446744073709551615",
                                        "18446744073709551616",
                                        "-9223372036854775808",
                                        "9223372036854775807",
                                        "null",
                                        "true",
                                        "\"\"",
                                        "[]",
                                        "{}",
                                        "[[[[",
                                        "]",
                                        "}",
                                        ",",
                                        ":",
                                        "\"",
                                        "\\u0000",
                                        "\\ud800",
                                        "\xff",
                                        "\xc3\xa9",
                                        "%",
                                        "%zz",
                                        "%00",
                                        "%2F",
                                        "&",
                                        "=",
                                        "?",
                                        "/",
                                        "{id}",
                                        "+",
                                        "\n"};

class Mutator {
 public:
  Mutator(std::uint64_t seed, const std::vector<Bytes>& corpus) : rng_(seed), corpus_(corpus) {}

  Bytes next() {
    Bytes b = pick();
    const std::size_t steps = 1 + below(4);
    for (std::size_t i = 0; i < steps; ++i)
      mutate(b);
    return b;
  }

 private:
  std::size_t below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(rng_() % n); }
  const Bytes& pick() { return corpus_[below(corpus_.size())]; }

  void mutate(Bytes& b) {
    const std::size_t at = below(b.size() + 1);
    switch (below(8)) {
      case 0:
        if (!b.empty()) b[below(b.size())] ^= static_cast<char>(1u << below(8));
        break;
      case 1:
        if (!b.empty()) b[below(b.size())] = static_cast<char>(rng_());
        break;
      case 2: {
        const std::string_view t = kTokens[below(std::size(kTokens))];
        b.insert(at, t.data(), t.size());
        break;
      }
      case 3:
        b.insert(at, 1 + below(8), static_cast<char>(rng_()));
        break;
      case 4:
        b.erase(at, 1 + below(16));
        break;
      case 5:
        b.resize(at);
        break;
      case 6: {  // splice: this file's head, another's tail
        const Bytes& other = pick();
        b = b.substr(0, at) + other.substr(below(other.size() + 1));
        break;
      }
      default: {  // repeat a piece of the file
        const std::size_t len = 1 + below(32);
        b.insert(at, b.substr(below(b.size() + 1), len));
        break;
      }
    }
  }

  std::mt19937_64 rng_;
  const std::vector<Bytes>& corpus_;
};

}  // namespace

int main(int argc, char** argv) {
  std::size_t mutations = 0;
  std::uint64_t seed = 1;
  std::vector<fs::path> folders;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if ((arg == "--mutations" || arg == "--seed") && i + 1 < argc) {
      (arg == "--mutations" ? mutations : seed) = std::stoull(argv[++i]);
    } else if (fs::is_directory(arg)) {
      folders.emplace_back(arg);
    } else {
      std::fprintf(stderr, "usage: %s [--mutations N] [--seed S] FOLDER...\n(%s is no folder)\n",
                   argv[0], argv[i]);
      return 2;
    }
  }
  LLVMFuzzerInitialize(&argc, &argv);
  std::snprintf(crash_path, sizeof crash_path, "crash-%s",
                fs::path(argv[0]).filename().string().c_str());
  // Under the sanitizers their own handlers report a fault; the death callback saves the input.
  std::vector<int> signals = {SIGABRT};
  if (__sanitizer_set_death_callback) {
    __sanitizer_set_death_callback(save_current_input);
  } else {
    signals.insert(signals.end(), {SIGSEGV, SIGBUS, SIGFPE, SIGILL});
  }
  for (int sig : signals)
    std::signal(sig, on_fatal_signal);

  std::vector<Bytes> corpus;
  for (const fs::path& dir : folders) {
    std::vector<Bytes> files = read_folder(dir);
    for (const Bytes& input : files)
      run(input);
    std::printf("fuzz: %zu inputs of %s\n", files.size(), dir.string().c_str());
    corpus.insert(corpus.end(), files.begin(), files.end());
  }
  if (corpus.empty()) corpus.emplace_back();
  Mutator mutator(seed, corpus);
  for (std::size_t i = 0; i < mutations; ++i)
    run(mutator.next());
  std::printf("fuzz: %zu mutations (seed %llu), no crash\n", mutations,
              static_cast<unsigned long long>(seed));
  return 0;
}
