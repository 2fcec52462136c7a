//! One sort for the whole engine.
//!
//! Each `sort_by_key` on another element type compiles the standard library's stable
//! sort once more: about 7 KB of wasm per element type (measured with `twiggy`), for
//! lists that hold a handful of findings or causes. So every sort in the engine goes
//! through [`sort_by_rank`]: the caller maps each item to two small numbers, and only a
//! sort of `(u64, u64, usize)` triples is compiled, once. The index in the triple keeps
//! the sort stable.

/// Sorts `items` by `rank`, ascending, keeping the order of items of equal rank.
pub fn sort_by_rank<T>(items: &mut Vec<T>, rank: impl Fn(&T) -> (u64, u64)) {
    let mut keys: Vec<(u64, u64, usize)> = items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let (a, b) = rank(item);
            (a, b, i)
        })
        .collect();
    keys.sort_unstable();
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(
        keys.into_iter()
            .filter_map(|(_, _, i)| slots.get_mut(i).and_then(Option::take)),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_by_both_numbers_and_keeps_ties_in_order() {
        let mut v = vec![(2, 'a'), (1, 'b'), (2, 'c'), (0, 'd'), (1, 'e')];
        sort_by_rank(&mut v, |&(k, _)| (k, 0));
        assert_eq!(v, vec![(0, 'd'), (1, 'b'), (1, 'e'), (2, 'a'), (2, 'c')]);

        let mut w = vec![(1u64, 5u64), (1, 9), (0, 3)];
        sort_by_rank(&mut w, |&(a, b)| (a, u64::MAX - b));
        assert_eq!(w, vec![(0, 3), (1, 9), (1, 5)]);
    }

    #[test]
    fn empty_and_single() {
        let mut v: Vec<u8> = Vec::new();
        sort_by_rank(&mut v, |&x| (u64::from(x), 0));
        assert!(v.is_empty());
        let mut one = vec![7u8];
        sort_by_rank(&mut one, |&x| (u64::from(x), 0));
        assert_eq!(one, vec![7]);
    }
}
