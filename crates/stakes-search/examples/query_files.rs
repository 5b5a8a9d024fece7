//! Lists the files the browser client fetches for each query, for measuring what a query
//! downloads (docs/performance.md): `query_files <index folder> <query>…` prints, per query, the
//! manifest, the chunks read and the fragments of the first ten results, one path a line.

use std::path::PathBuf;

use stakes_search::reader::IndexReader;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(
        args.next()
            .expect("usage: query_files <index folder> <query>…"),
    );
    for query in args {
        let load = |path: &str| std::fs::read(dir.join(path)).ok();
        let mut reader = IndexReader::open(load).expect("an index");
        let found = reader.search(&query, &[]);
        println!("# {query}\t{} results", found.hits.len());
        println!("manifest.json");
        for file in &found.fetched {
            println!("{file}");
        }
        for hit in found.hits.iter().take(10) {
            println!("{}", stakes_search::fragment_path(hit.article));
        }
    }
}
