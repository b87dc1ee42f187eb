//! CHECKER (constants): exact rational numbers. In: big-integer numerators and denominators.
//! Out: fractions kept in lowest terms with a positive denominator, so `==` on the struct is
//! equality of the numbers. Go's `big.Rat` plays this role in go/constant.
//!
//! num-rational would do the same; a hundred lines of our own avoid one more dependency and keep
//! the invariants (lowest terms, `den > 0`) visible where the float code relies on them.

use std::cmp::Ordering;

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, Zero};

/// An exact fraction `num / den`; always in lowest terms with `den > 0` (zero is `0/1`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Rat {
    num: BigInt,
    den: BigInt,
}

impl Rat {
    /// `num / den` reduced. `den` must not be zero (callers check for division by zero first).
    pub fn new(num: BigInt, den: BigInt) -> Rat {
        assert!(!den.is_zero(), "Rat with zero denominator");
        let (mut num, mut den) = if den.is_negative() {
            (-num, -den)
        } else {
            (num, den)
        };
        let g = num.gcd(&den);
        if !g.is_one() {
            num /= &g;
            den /= &g;
        }
        Rat { num, den }
    }

    pub fn from_int(i: BigInt) -> Rat {
        Rat {
            num: i,
            den: BigInt::one(),
        }
    }

    pub fn zero() -> Rat {
        Rat::from_int(BigInt::zero())
    }

    pub fn num(&self) -> &BigInt {
        &self.num
    }

    pub fn den(&self) -> &BigInt {
        &self.den
    }

    pub fn is_int(&self) -> bool {
        self.den.is_one()
    }

    /// -1, 0 or 1.
    pub fn sign(&self) -> i32 {
        sign_of(&self.num)
    }

    pub fn neg(&self) -> Rat {
        Rat {
            num: -&self.num,
            den: self.den.clone(),
        }
    }

    pub fn add(&self, y: &Rat) -> Rat {
        if self.den == y.den {
            return Rat::new(&self.num + &y.num, self.den.clone());
        }
        Rat::new(&self.num * &y.den + &y.num * &self.den, &self.den * &y.den)
    }

    pub fn sub(&self, y: &Rat) -> Rat {
        self.add(&y.neg())
    }

    pub fn mul(&self, y: &Rat) -> Rat {
        Rat::new(&self.num * &y.num, &self.den * &y.den)
    }

    /// `self / y`; `y` must not be zero.
    pub fn quo(&self, y: &Rat) -> Rat {
        Rat::new(&self.num * &y.den, &self.den * &y.num)
    }
}

impl Ord for Rat {
    fn cmp(&self, y: &Rat) -> Ordering {
        // Denominators are positive, so cross-multiplying keeps the order.
        (&self.num * &y.den).cmp(&(&y.num * &self.den))
    }
}

impl PartialOrd for Rat {
    fn partial_cmp(&self, y: &Rat) -> Option<Ordering> {
        Some(self.cmp(y))
    }
}

pub(crate) fn sign_of(i: &BigInt) -> i32 {
    if i.is_negative() {
        -1
    } else if i.is_zero() {
        0
    } else {
        1
    }
}
