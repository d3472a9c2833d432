//! The `courtside` binary: the command line (and, later, the GUI).

fn main() -> std::process::ExitCode {
    courtside::cli::main()
}
