//! Related explainers (issue #19): which other articles close each article's page under
//! "More explainers". It owns the choice alone — pinned articles first, then those sharing the
//! most tags, then the same section, then the newest — made from front matter through
//! inverted indexes of tags, pairs and triples of tags (never all pairs of articles), so a site
//! pays for the tags articles share, not for every pair. It must not read files, render cards
//! or know templates.

use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;

/// What an article's front matter asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Want {
    /// The site's number of related explainers, chosen automatically.
    Auto,
    /// `related: false`: none.
    Off,
    /// `related: [@/…]`: these first (indices into the candidates, in the order written), then
    /// the rest chosen automatically.
    Pinned(Vec<usize>),
}

/// One article as the choice sees it.
#[derive(Debug, Clone)]
pub struct Candidate<'a> {
    /// Its tags' URL forms.
    pub tags: &'a [String],
    /// Its section's key.
    pub section: Option<&'a str>,
    /// Its place in the listing order, newest first (0 is the newest).
    pub rank: usize,
    /// Whether it may be shown under another article: published, live and listed (never a
    /// draft, a scheduled, archived or expired article, or a plain page).
    pub shown: bool,
    /// What its own page asks for.
    pub want: Want,
}

/// Up to `limit` related articles for every candidate (indices into `candidates`, in the
/// order to show): pinned ones first, then by most tags shared, then same section, then
/// newest. Never the article itself, never one that may not be shown, never one twice. A
/// limit of 0 turns the whole feature off, pins included.
pub fn choose(candidates: &[Candidate<'_>], limit: usize) -> Vec<Vec<usize>> {
    if limit == 0 {
        return vec![Vec::new(); candidates.len()];
    }
    let index = Index::new(candidates);
    candidates
        .par_iter()
        .enumerate()
        .map_init(
            || Tally::new(candidates.len()),
            |tally, (i, candidate)| index.related_to(i, candidate, limit, tally),
        )
        .collect()
}

/// Tags shared with each article, counted for one article at a time: one counter per
/// candidate, kept per thread, of which only those touched are read and reset (a hash map
/// per article cost more than the choice itself).
struct Tally {
    shared: Vec<u32>,
    touched: Vec<usize>,
    /// How many touched articles share each number of tags.
    by_count: Vec<usize>,
}

impl Tally {
    fn new(candidates: usize) -> Tally {
        Tally {
            shared: vec![0; candidates],
            touched: Vec::new(),
            by_count: Vec::new(),
        }
    }

    fn add(&mut self, j: usize) {
        let count = self.shared[j] as usize;
        if count == 0 {
            self.touched.push(j);
        } else {
            self.by_count[count] -= 1;
        }
        if self.by_count.len() <= count + 1 {
            self.by_count.resize(count + 2, 0);
        }
        self.by_count[count + 1] += 1;
        self.shared[j] += 1;
    }

    /// Records that article `j` shares `count` tags (counted elsewhere).
    fn set(&mut self, j: usize, count: u32) {
        self.touched.push(j);
        self.shared[j] = count;
        let count = count as usize;
        if self.by_count.len() <= count {
            self.by_count.resize(count + 1, 0);
        }
        self.by_count[count] += 1;
    }

    /// The fewest shared tags an article needs to be among the `room` best (the rest cannot
    /// be: as many share more), so only those are ranked.
    fn threshold(&self, room: usize) -> u32 {
        let mut at_least = 0;
        for count in (1..self.by_count.len()).rev() {
            at_least += self.by_count[count];
            if at_least >= room {
                return count as u32;
            }
        }
        1
    }

    fn reset(&mut self) {
        for &j in &self.touched {
            self.shared[j] = 0;
        }
        self.touched.clear();
        self.by_count.clear();
    }
}

/// The shown articles by tag and by section, and all of them, each list newest first.
struct Index<'c, 'a> {
    candidates: &'c [Candidate<'a>],
    /// Each candidate's section as a number, compared for every article sharing a tag.
    section_ids: Vec<Option<u32>>,
    /// Each candidate's rank, apart from the rest of it (read for every article ranked).
    ranks: Vec<usize>,
    by_tag: HashMap<&'a str, Vec<usize>>,
    /// Each candidate's tags as numbers, each once, ascending.
    tag_ids: Vec<Vec<u32>>,
    /// The shown articles carrying both tags of each pair: those sharing two or more tags
    /// with an article are found here without counting everyone sharing one (at 10,000
    /// articles, a tag of a pool of 50 is on ~600 of them).
    by_pair: HashMap<(u32, u32), Vec<usize>>,
    /// The same for each triple of tags: at 100,000 articles a pair of the yardstick's pool
    /// of 50 tags is on ~300 articles, so counting through pairs grew with the square of the
    /// site; a triple is on ~20. None when articles carry so many tags that their triples
    /// would outweigh the site ([`TRIPLES_PER_ARTICLE`]).
    by_triple: Option<HashMap<(u32, u32, u32), Vec<usize>>>,
    by_section: HashMap<&'a str, Vec<usize>>,
    newest: Vec<usize>,
}

impl<'c, 'a> Index<'c, 'a> {
    fn new(candidates: &'c [Candidate<'a>]) -> Self {
        let mut newest: Vec<usize> = (0..candidates.len())
            .filter(|&j| candidates[j].shown)
            .collect();
        newest.sort_unstable_by_key(|&j| candidates[j].rank);
        let mut by_tag: HashMap<&str, Vec<usize>> = HashMap::default();
        let mut by_section: HashMap<&str, Vec<usize>> = HashMap::default();
        for &j in &newest {
            let candidate = &candidates[j];
            for (k, tag) in candidate.tags.iter().enumerate() {
                // A tag written twice counts once.
                if !candidate.tags[..k].contains(tag) {
                    by_tag.entry(tag.as_str()).or_default().push(j);
                }
            }
            if let Some(section) = candidate.section {
                by_section.entry(section).or_default().push(j);
            }
        }
        let mut tag_numbers: HashMap<&str, u32> = HashMap::default();
        let tag_ids: Vec<Vec<u32>> = candidates
            .iter()
            .map(|c| {
                let mut ids: Vec<u32> = c
                    .tags
                    .iter()
                    .map(|t| {
                        let next = tag_numbers.len() as u32;
                        *tag_numbers.entry(t.as_str()).or_insert(next)
                    })
                    .collect();
                ids.sort_unstable();
                ids.dedup();
                ids
            })
            .collect();
        let mut by_pair: HashMap<(u32, u32), Vec<usize>> = HashMap::default();
        for &j in &newest {
            for pair in pairs_of(&tag_ids[j]) {
                by_pair.entry(pair).or_default().push(j);
            }
        }
        let by_triple = triple_index(&newest, &tag_ids);
        let mut ids: HashMap<&str, u32> = HashMap::default();
        let section_ids = candidates
            .iter()
            .map(|c| {
                let next = ids.len() as u32;
                c.section.map(|s| *ids.entry(s).or_insert(next))
            })
            .collect();
        Index {
            candidates,
            section_ids,
            ranks: candidates.iter().map(|c| c.rank).collect(),
            by_tag,
            tag_ids,
            by_pair,
            by_triple,
            by_section,
            newest,
        }
    }

    fn related_to(
        &self,
        i: usize,
        candidate: &Candidate<'_>,
        limit: usize,
        tally: &mut Tally,
    ) -> Vec<usize> {
        let mut chosen: Vec<usize> = Vec::with_capacity(limit);
        match &candidate.want {
            Want::Off => return chosen,
            Want::Auto => {}
            Want::Pinned(pins) => {
                for &pin in pins {
                    if pin != i && self.candidates[pin].shown && !chosen.contains(&pin) {
                        chosen.push(pin);
                    }
                }
            }
        }
        if chosen.len() >= limit {
            return chosen;
        }
        self.by_shared_tags(i, candidate, (limit, tally), &mut chosen);
        // Every article sharing a tag is in by now if there was room: the rest share none, so
        // the same section comes first, then the newest.
        let section = candidate.section.and_then(|s| self.by_section.get(s));
        for list in section.into_iter().chain([&self.newest]) {
            for &j in list {
                if chosen.len() >= limit {
                    return chosen;
                }
                if j != i && !chosen.contains(&j) {
                    chosen.push(j);
                }
            }
        }
        chosen
    }

    /// Tallies the articles sharing three or more tags with article `i`, through the triples
    /// of its tags, or else two or more, through the pairs, whichever first finds at least
    /// `wanted` (then the best are among them); else tallies nothing and says so.
    fn by_two_or_more(&self, i: usize, wanted: usize, tally: &mut Tally) -> bool {
        let mine = &self.tag_ids[i];
        let count = |j: usize, tally: &mut Tally| {
            if tally.shared[j] == 0 {
                let theirs = &self.tag_ids[j];
                let shared = theirs.iter().filter(|t| mine.binary_search(t).is_ok());
                tally.set(j, shared.count() as u32);
            }
        };
        if let (Some(by_triple), 3..) = (&self.by_triple, mine.len()) {
            for triple in triples_of(mine) {
                for &j in by_triple.get(&triple).into_iter().flatten() {
                    count(j, tally);
                }
            }
            if tally.touched.len() >= wanted {
                return true;
            }
            tally.reset();
        }
        if mine.len() < 2 {
            return false;
        }
        for pair in pairs_of(mine) {
            for &j in self.by_pair.get(&pair).into_iter().flatten() {
                count(j, tally);
            }
        }
        if tally.touched.len() >= wanted {
            return true;
        }
        tally.reset();
        false
    }

    /// When article `i` has two tags, or three and the triples are indexed, the one list of
    /// articles carrying all of them holds every article sharing the most: they tie on tags,
    /// so the best are the newest of the same section, then the newest others, read off the
    /// list (newest first) in order, stopping as soon as `room` of the same section are found
    /// (at 100,000 articles a pair's list is ~300 long). Adds them to `chosen` and says so if
    /// the list has `room` to give; else adds nothing (the tally then ranks all candidates).
    fn best_of_one_list(&self, i: usize, room: usize, chosen: &mut Vec<usize>) -> bool {
        let mine = &self.tag_ids[i];
        let list = match (mine.as_slice(), &self.by_triple) {
            (&[a, b], _) => self.by_pair.get(&(a, b)),
            (&[a, b, c], Some(by_triple)) => by_triple.get(&(a, b, c)),
            _ => None,
        };
        let Some(list) = list else {
            return false;
        };
        let section = self.section_ids[i];
        let mut same = Vec::with_capacity(room);
        let mut others = Vec::with_capacity(room);
        for &j in list {
            if j == i || chosen.contains(&j) {
                continue;
            }
            if section.is_some() && self.section_ids[j] == section {
                same.push(j);
                if same.len() == room {
                    break;
                }
            } else if others.len() < room {
                others.push(j);
            }
        }
        if same.len() + others.len() < room {
            return false;
        }
        others.truncate(room.saturating_sub(same.len()));
        chosen.extend(same);
        chosen.extend(others);
        true
    }

    /// Adds the articles sharing the most tags with article `i` (then same section, then
    /// newest) until `chosen` holds `limit`.
    fn by_shared_tags(
        &self,
        i: usize,
        candidate: &Candidate<'_>,
        (limit, tally): (usize, &mut Tally),
        chosen: &mut Vec<usize>,
    ) {
        let room = limit - chosen.len();
        if self.best_of_one_list(i, room, chosen) {
            return;
        }
        // Itself and pinned ones may be among those sharing tags: room for them too.
        let wanted = room + chosen.len() + 1;
        if !self.by_two_or_more(i, wanted, tally) {
            for (k, tag) in candidate.tags.iter().enumerate() {
                if candidate.tags[..k].contains(tag) {
                    continue;
                }
                for &j in self.by_tag.get(tag.as_str()).into_iter().flatten() {
                    tally.add(j);
                }
            }
        }
        let mine = self.section_ids[i];
        let same_section = |j: usize| mine.is_some() && self.section_ids[j] == mine;
        let threshold = tally.threshold(wanted);
        let mut ranked: Vec<(u32, bool, usize, usize)> = tally
            .touched
            .iter()
            .filter(|&&j| tally.shared[j] >= threshold && j != i && !chosen.contains(&j))
            .map(|&j| (tally.shared[j], same_section(j), self.ranks[j], j))
            .collect();
        tally.reset();
        let best_first = |a: &(u32, bool, usize, usize), b: &(u32, bool, usize, usize)| {
            b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2))
        };
        if ranked.len() > room {
            ranked.select_nth_unstable_by(room - 1, best_first);
            ranked.truncate(room);
        }
        ranked.sort_unstable_by(best_first);
        chosen.extend(ranked.into_iter().map(|(_, _, _, j)| j));
    }
}

/// At most how many triples of tags an article may bring on average for the triple index
/// to be built: 4 tags bring 4, 6 bring 20; past that the pairs alone are cheaper to keep.
const TRIPLES_PER_ARTICLE: usize = 16;

/// The shown articles (`newest`, in order) carrying each triple of tags, or none when there
/// would be more than [`TRIPLES_PER_ARTICLE`] per article.
fn triple_index(
    newest: &[usize],
    tag_ids: &[Vec<u32>],
) -> Option<HashMap<(u32, u32, u32), Vec<usize>>> {
    let choose_three = |n: usize| n * n.saturating_sub(1) * n.saturating_sub(2) / 6;
    let total: usize = newest.iter().map(|&j| choose_three(tag_ids[j].len())).sum();
    if total > TRIPLES_PER_ARTICLE * newest.len() {
        return None;
    }
    let mut by_triple: HashMap<(u32, u32, u32), Vec<usize>> = HashMap::default();
    for &j in newest {
        for triple in triples_of(&tag_ids[j]) {
            by_triple.entry(triple).or_default().push(j);
        }
    }
    Some(by_triple)
}

/// Each pair of `ids` once, as the pair index keys it (`ids` ascending: each pair ascending).
fn pairs_of(ids: &[u32]) -> impl Iterator<Item = (u32, u32)> + '_ {
    ids.iter()
        .enumerate()
        .flat_map(move |(k, &a)| ids[k + 1..].iter().map(move |&b| (a, b)))
}

/// Each triple of `ids` once, as the triple index keys it.
fn triples_of(ids: &[u32]) -> impl Iterator<Item = (u32, u32, u32)> + '_ {
    ids.iter()
        .enumerate()
        .flat_map(move |(k, &a)| pairs_of(&ids[k + 1..]).map(move |(b, c)| (a, b, c)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn tags(list: &[&str]) -> Vec<String> {
        list.iter().map(|t| t.to_string()).collect()
    }

    fn candidate<'a>(tags: &'a [String], section: Option<&'a str>, rank: usize) -> Candidate<'a> {
        Candidate {
            tags,
            section,
            rank,
            shown: true,
            want: Want::Auto,
        }
    }

    #[test]
    fn most_shared_tags_then_same_section_then_newest() {
        let (a, b, c, d, e) = (
            tags(&["energy", "eu", "gas"]),
            tags(&["energy", "eu"]),
            tags(&["energy"]),
            tags(&["energy"]),
            tags(&[]),
        );
        let all = vec![
            candidate(&a, Some("world"), 4),
            candidate(&b, Some("economy"), 3),
            // Shares one tag, older, but in the same section: before the newer `d`.
            candidate(&c, Some("world"), 2),
            candidate(&d, Some("economy"), 1),
            candidate(&e, Some("economy"), 0),
        ];
        let related = choose(&all, 3);
        assert_eq!(related[0], [1, 2, 3]);
        // `e` shares no tag: the same section, newest first, then the rest newest first.
        assert_eq!(related[4], [3, 1, 2]);
    }

    #[test]
    fn pins_come_first_and_hidden_articles_never_show() {
        let (a, b) = (tags(&["x"]), tags(&["x"]));
        let mut all = vec![
            candidate(&a, None, 0),
            candidate(&b, None, 1),
            candidate(&b, None, 2),
            candidate(&b, None, 3),
        ];
        all[1].shown = false;
        all[0].want = Want::Pinned(vec![3, 0, 1, 3]);
        // The pin to itself, the hidden one and the repeat are dropped; then tags fill in.
        assert_eq!(choose(&all, 3)[0], [3, 2]);
        all[0].want = Want::Off;
        assert!(choose(&all, 3)[0].is_empty());
        assert!(choose(&all, 0).iter().all(Vec::is_empty));
    }

    /// Every pair compared: what the index must agree with.
    fn naive(candidates: &[Candidate<'_>], limit: usize) -> Vec<Vec<usize>> {
        (0..candidates.len())
            .map(|i| {
                let me = &candidates[i];
                let mut chosen = Vec::new();
                if limit == 0 || me.want == Want::Off {
                    return chosen;
                }
                if let Want::Pinned(pins) = &me.want {
                    for &p in pins {
                        if p != i && candidates[p].shown && !chosen.contains(&p) {
                            chosen.push(p);
                        }
                    }
                }
                let pinned = chosen.len();
                let mut rest: Vec<(usize, bool, usize, usize)> = (0..candidates.len())
                    .filter(|&j| j != i && candidates[j].shown && !chosen.contains(&j))
                    .map(|j| {
                        let mut theirs = candidates[j].tags.to_vec();
                        theirs.sort();
                        theirs.dedup();
                        let shared = theirs.iter().filter(|t| me.tags.contains(t)).count();
                        let same = me.section.is_some() && candidates[j].section == me.section;
                        (shared, same, candidates[j].rank, j)
                    })
                    .collect();
                rest.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
                chosen.extend(rest.into_iter().map(|r| r.3));
                // Every pin is shown, even past the limit: the writer asked for each.
                chosen.truncate(limit.max(pinned));
                chosen
            })
            .collect()
    }

    /// Articles as (tags, section, hidden, pins, off), with a listing order (a permutation).
    fn site() -> impl Strategy<Value = (Vec<ArticleSpec>, Vec<usize>)> {
        let article = (
            prop::collection::vec(prop::sample::select(vec!["a", "b", "c", "d", "e"]), 0..6),
            prop::option::of(prop::sample::select(vec!["world", "economy"])),
            any::<bool>(),
            prop::option::of(prop::collection::vec(0usize..40, 0..5)),
            prop::bool::weighted(0.1),
        );
        prop::collection::vec(article, 1..40).prop_flat_map(|articles| {
            let ranks: Vec<usize> = (0..articles.len()).collect();
            (Just(articles), Just(ranks).prop_shuffle())
        })
    }

    type ArticleSpec = (
        Vec<&'static str>,
        Option<&'static str>,
        bool,
        Option<Vec<usize>>,
        bool,
    );

    proptest! {
        #[test]
        fn the_index_chooses_what_comparing_every_pair_chooses(
            (articles, ranks) in site(),
            limit in 0usize..5,
        ) {
            let tag_lists: Vec<Vec<String>> = articles.iter().map(|a| tags(&a.0)).collect();
            let n = articles.len();
            let candidates: Vec<Candidate<'_>> = articles
                .iter()
                .enumerate()
                .map(|(i, (_, section, hidden, pins, off))| Candidate {
                    tags: &tag_lists[i],
                    section: *section,
                    rank: ranks[i],
                    shown: !hidden,
                    want: match (off, pins) {
                        (true, _) => Want::Off,
                        (false, Some(pins)) => Want::Pinned(pins.iter().map(|p| p % n).collect()),
                        (false, None) => Want::Auto,
                    },
                })
                .collect();
            prop_assert_eq!(choose(&candidates, limit), naive(&candidates, limit));
        }
    }
}
