//! `scrutineer`: import, read, search and analyse council minutes from the command line.

fn main() {
    println!("scrutineer {}", env!("CARGO_PKG_VERSION"));
}
