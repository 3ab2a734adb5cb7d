//! Stable sorting through one compiled sort.
//!
//! `slice::sort_by` is compiled anew for every element type and comparison closure: in the wasm
//! that was a dozen copies of the standard library's stable sort, ~58 KB. These helpers sort
//! indices instead, with the comparison behind a `dyn` call, so the sort itself exists once;
//! per element type only a small in-place permutation remains. The result is exactly that of
//! `sort_by` (stable: equal elements keep their order). For the app's lists (at most some
//! thousands of rows) the extra indirection costs microseconds.
use std::cmp::Ordering;

/// The stable order of `n` items under `cmp` (which compares items by index): position `k` of
/// the result holds the index of the item that sorts `k`-th; equal items keep index order.
///
/// ```
/// use buurtkaart_core::order::stable_order;
/// let v = [3, 1, 2, 1];
/// assert_eq!(stable_order(v.len(), &mut |a, b| v[a].cmp(&v[b])), [1, 3, 2, 0]);
/// ```
#[inline(never)]
pub fn stable_order(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    order
}

/// Sorts `v` stably by `cmp`: the same result as `v.sort_by(cmp)`.
///
/// ```
/// use buurtkaart_core::order::sort_by;
/// let mut v = [(2, 'a'), (1, 'b'), (2, 'c'), (1, 'd')];
/// sort_by(&mut v, |x, y| x.0.cmp(&y.0));
/// assert_eq!(v, [(1, 'b'), (1, 'd'), (2, 'a'), (2, 'c')]);
/// ```
pub fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    let order = {
        let s: &[T] = v;
        stable_order(s.len(), &mut |a, b| cmp(&s[a], &s[b]))
    };
    permute(v, &order);
}

/// Sorts `v` stably by a key computed once per element: the same result as
/// `v.sort_by_cached_key(key)`.
///
/// ```
/// use buurtkaart_core::order::sort_by_cached_key;
/// let mut v = ["b", "A", "a", "B"];
/// sort_by_cached_key(&mut v, |s| s.to_ascii_lowercase());
/// assert_eq!(v, ["A", "a", "b", "B"]);
/// ```
pub fn sort_by_cached_key<T, K: Ord>(v: &mut [T], key: impl FnMut(&T) -> K) {
    let keys: Vec<K> = v.iter().map(key).collect();
    let order = stable_order(keys.len(), &mut |a, b| keys[a].cmp(&keys[b]));
    permute(v, &order);
}

/// Rearranges `v` in place so that position `k` holds the element that was at `order[k]`
/// (`order` is a permutation of `0..v.len()`). Each element's new place is found by following
/// where earlier swaps moved it: no copies, no clones.
fn permute<T>(v: &mut [T], order: &[usize]) {
    for i in 0..v.len() {
        let mut j = order[i];
        while j < i {
            j = order[j];
        }
        v.swap(i, j);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator (no dependency): many ties, several lengths.
    fn samples() -> Vec<Vec<(u8, usize)>> {
        let mut x: u32 = 12345;
        (0..60)
            .map(|n| {
                (0..n)
                    .map(|i| {
                        x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
                        (((x >> 16) % 7) as u8, i)
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn sort_by_equals_the_standard_stable_sort() {
        for v in samples() {
            let mut expected = v.clone();
            expected.sort_by_key(|e| e.0);
            let mut got = v.clone();
            sort_by(&mut got, |a, b| a.0.cmp(&b.0));
            assert_eq!(got, expected);
            // Descending, too (ties still keep their order).
            let mut expected = v.clone();
            expected.sort_by_key(|e| std::cmp::Reverse(e.0));
            let mut got = v;
            sort_by(&mut got, |a, b| b.0.cmp(&a.0));
            assert_eq!(got, expected);
        }
    }

    #[test]
    fn cached_key_equals_the_standard_one() {
        for v in samples() {
            let mut expected = v.clone();
            expected.sort_by_cached_key(|e| e.0 % 3);
            let mut got = v;
            sort_by_cached_key(&mut got, |e| e.0 % 3);
            assert_eq!(got, expected);
        }
    }

    #[test]
    fn empty_and_single() {
        let mut e: [u8; 0] = [];
        sort_by(&mut e, |a, b| a.cmp(b));
        let mut one = [String::from("x")];
        sort_by(&mut one, |a, b| a.cmp(b));
        assert_eq!(one, ["x"]);
    }
}
