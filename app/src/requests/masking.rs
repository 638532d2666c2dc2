//! Masking the private numbers residents type into public text: mainland mobile numbers (also
//! with +86 / 0086 in front) and resident ID numbers, however they are written: ASCII or
//! full-width digits, grouped by spaces, dots, dashes, middle dots or slashes.

/// Characters that may group the digits of one number ("138 1234 5678", "138·1234·5678",
/// "１３８－１２３４－５６７８").
const SEPARATORS: &[char] = &[
    ' ', '\u{3000}', '\u{a0}', '.', '．', '-', '－', '‐', '‑', '–', '—', '·', '・', '•', '_', '/',
    '／',
];

/// At most this many separator characters between two groups of one number (" - ").
const MAX_GAP: usize = 3;

/// The digit a character stands for: ASCII and full-width digits; an ID number's final X
/// stands for 10.
fn digit(c: char) -> Option<u8> {
    match c {
        '0'..='9' => Some(c as u8 - b'0'),
        '０'..='９' => u8::try_from(u32::from(c) - u32::from('０')).ok(),
        _ => None,
    }
}

fn is_x(c: char) -> bool {
    matches!(c, 'X' | 'x' | 'Ｘ' | 'ｘ')
}

/// A run of digits in the text (an X right after digits included): where it is.
#[derive(Debug, Clone, Copy)]
struct Group {
    start: usize,
    end: usize,
}

/// `text` with every mainland mobile number and resident ID number in it masked
/// (138****1234, 110***********1234): what public pages show of anything a resident typed.
/// Only the digits are replaced; separators stay where they were.
pub fn mask_private_numbers(text: &str) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    let groups = groups(&chars);
    let mut i = 0;
    while i < groups.len() {
        // The groups linked to group i by short runs of separators only.
        let mut chain_end = i;
        while chain_end + 1 < groups.len()
            && linked(&chars, groups[chain_end], groups[chain_end + 1])
        {
            chain_end += 1;
        }
        // The longest run of whole groups from i that is one private number.
        let found = (i..=chain_end)
            .rev()
            .find(|&j| private_number(&digits_of(&chars, &groups[i..=j])));
        match found {
            Some(j) => {
                hide(&mut chars, &groups[i..=j]);
                i = j + 1;
            }
            None => {
                // One long run with a mobile number inside it: all but its ends.
                let own = digits_of(&chars, &groups[i..=i]);
                if own.len() > 11 && own.windows(11).any(is_mobile) {
                    hide(&mut chars, &groups[i..=i]);
                }
                i += 1;
            }
        }
    }
    chars.into_iter().collect()
}

fn groups(chars: &[char]) -> Vec<Group> {
    let mut groups = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if digit(chars[i]).is_none() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && digit(chars[i]).is_some() {
            i += 1;
        }
        if i < chars.len() && is_x(chars[i]) {
            i += 1;
        }
        groups.push(Group { start, end: i });
    }
    groups
}

/// Whether only a few separators stand between two groups.
fn linked(chars: &[char], a: Group, b: Group) -> bool {
    let gap = &chars[a.end..b.start];
    !gap.is_empty() && gap.len() <= MAX_GAP && gap.iter().all(|c| SEPARATORS.contains(c))
}

/// The digits of these groups, in order (an X as 10).
fn digits_of(chars: &[char], groups: &[Group]) -> Vec<u8> {
    groups
        .iter()
        .flat_map(|g| chars[g.start..g.end].iter())
        .map(|&c| digit(c).unwrap_or(10))
        .collect()
}

fn is_mobile(d: &[u8]) -> bool {
    d.len() == 11 && d[0] == 1 && (3..=9).contains(&d[1]) && d.iter().all(|&x| x < 10)
}

/// A mobile number (alone or after 86 / 0086) or an ID number (17 digits and a check digit or
/// X).
fn private_number(d: &[u8]) -> bool {
    match d.len() {
        11 => is_mobile(d),
        13 => d.starts_with(&[8, 6]) && is_mobile(&d[2..]),
        15 => d.starts_with(&[0, 0, 8, 6]) && is_mobile(&d[4..]),
        18 => is_id_number(d),
        _ => false,
    }
}

/// A resident ID number: 17 digits and a check digit or X, the 7th to 14th a birth date
/// (which tells it from any 18 digits in a row, two numbers typed one after the other say).
fn is_id_number(d: &[u8]) -> bool {
    let number = |range: std::ops::Range<usize>| {
        d[range]
            .iter()
            .try_fold(0u32, |n, &x| (x < 10).then(|| n * 10 + u32::from(x)))
    };
    d.len() == 18
        && d[..17].iter().all(|&x| x < 10)
        && number(6..10).is_some_and(|year| (1850..=2100).contains(&year))
        && number(10..12).is_some_and(|month| (1..=12).contains(&month))
        && number(12..14).is_some_and(|day| (1..=31).contains(&day))
}

/// Replaces every digit of these groups with `*` but the first 3 and the last 4.
fn hide(chars: &mut [char], groups: &[Group]) {
    let positions: Vec<usize> = groups.iter().flat_map(|g| g.start..g.end).collect();
    let keep_tail = positions.len().saturating_sub(4);
    for &p in positions.iter().take(keep_tail).skip(3) {
        chars[p] = '*';
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn mobile_and_id_numbers_are_masked_wherever_they_are_typed() {
        let cases = [
            ("请打13812341234联系我", "请打138****1234联系我"),
            ("电话 138 1234 1234。", "电话 138 **** 1234。"),
            ("电话138-1234-1234", "电话138-****-1234"),
            ("身份证110101199003071234", "身份证110***********1234"),
            ("身份证11010119900307123X号", "身份证110***********123X号"),
            ("3号楼2单元501室，共12户", "3号楼2单元501室，共12户"),
            ("固话 010-62345678", "固话 010-62345678"),
            (
                "两个号13812341234 13987654321",
                "两个号138****1234 139****4321",
            ),
            ("x8613812341234", "x861******1234"),
            ("13812341234 - 010-1234", "138****1234 - 010-1234"),
            // Full-width digits, other separators, a country code.
            ("电话１３８１２３４１２３４", "电话１３８****１２３４"),
            ("138.1234.1234", "138.****.1234"),
            ("138·1234·1234", "138·****·1234"),
            ("１３８－１２３４－１２３４", "１３８－****－１２３４"),
            ("+86 138 1234 1234", "+86 1** **** 1234"),
            ("1 3 8 1 2 3 4 1 2 3 4", "1 3 8 * * * * 1 2 3 4"),
            ("身份证 110101 19900307 123X", "身份证 110*** ******** 123X"),
            ("2026年11月26日 10:30", "2026年11月26日 10:30"),
        ];
        for (typed, shown) in cases {
            assert_eq!(mask_private_numbers(typed), shown, "{typed}");
        }
    }

    /// The digits (ASCII) a text shows, separators and all else dropped.
    fn shown_digits(text: &str) -> String {
        text.chars()
            .filter_map(digit)
            .map(|d| char::from(b'0' + d))
            .collect()
    }

    /// A number written as a resident might: cut into groups at `cuts`, each digit ASCII or
    /// full-width as `wide` says, groups joined by one of the separators (1 to 3 of them).
    fn write(number: &str, cuts: &[usize], wide: &[bool], seps: &[(usize, usize)]) -> String {
        let mut out = String::new();
        for (i, c) in number.chars().enumerate() {
            if i > 0 && cuts.contains(&i) {
                let (sep, times) = seps[i % seps.len()];
                for _ in 0..times {
                    out.push(SEPARATORS[sep % SEPARATORS.len()]);
                }
            }
            let d = c.to_digit(10).unwrap_or(0);
            out.push(if wide[i % wide.len()] {
                char::from_u32(u32::from('０') + d).unwrap_or(c)
            } else {
                c
            });
        }
        out
    }

    proptest! {
        #[test]
        fn no_mobile_number_survives_in_any_format(
            second in 3u8..=9,
            rest in proptest::collection::vec(0u8..=9, 9),
            cuts in proptest::collection::vec(1usize..11, 0..6),
            wide in proptest::collection::vec(any::<bool>(), 1..12),
            seps in proptest::collection::vec((0usize..32, 1usize..=3), 1..6),
            prefix in proptest::sample::select(vec!["", "+86 ", "0086-", "86", "电话：", "请拨打 "]),
            before in "[甲乙丙丁号楼单元，。 ]{0,6}",
            after in "[甲乙丙丁号楼单元，。 ]{0,6}",
        ) {
            let number: String = std::iter::once(1)
                .chain(std::iter::once(second))
                .chain(rest)
                .map(|d| char::from(b'0' + d))
                .collect();
            let text = format!("{before}{prefix}{}{after}", write(&number, &cuts, &wide, &seps));
            let masked = mask_private_numbers(&text);
            prop_assert!(!shown_digits(&masked).contains(&number), "{text} → {masked}");
            prop_assert!(masked.contains('*'), "{text} → {masked}");
        }

        #[test]
        fn no_id_number_survives_in_any_format(
            area in 110_000u32..660_000,
            born in (1900u32..=2025, 1u32..=12, 1u32..=28),
            order in 0u32..1000,
            x in any::<bool>(),
            cuts in proptest::collection::vec(1usize..18, 0..5),
            wide in proptest::collection::vec(any::<bool>(), 1..12),
            seps in proptest::collection::vec((0usize..32, 1usize..=3), 1..6),
        ) {
            let (year, month, day) = born;
            let mut id = format!("{area:06}{year:04}{month:02}{day:02}{order:03}");
            let written = if x {
                format!("{}X", write(&id, &cuts, &wide, &seps))
            } else {
                id.push('7');
                write(&id, &cuts, &wide, &seps)
            };
            let text = format!("身份证{written}。");
            let masked = mask_private_numbers(&text);
            prop_assert!(!shown_digits(&masked).contains(&id[..17]), "{text} → {masked}");
        }
    }
}
