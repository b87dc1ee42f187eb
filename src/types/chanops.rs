//! CHECKER: channel operations. Input: the operands of a send, a receive, `close` or a range over
//! a channel. Output: Go's errors for the wrong kind of operand and the wrong direction:
//! `invalid operation: cannot send to receive-only channel <-chan int c (variable of type <-chan
//! int)`, `... cannot receive from send-only channel ...`, `... cannot close receive-only channel
//! ...`, `... cannot send to non-channel ...`, and for the sent value `cannot use ... in send`.

use super::check::codes;
use super::operand::{describe, shallow_known, Mode, Operand, COMPILER};
use super::resolve::Resolver;
use super::ty::{Type, TypeId};
use crate::ast::*;

impl Resolver<'_, '_> {
    /// The channel type's direction and element, if `op` is a channel.
    fn chan_of(&self, op: &Operand) -> Option<(ChanDir, TypeId)> {
        match self.c.types.get(self.c.types.underlying(op.ty)) {
            Type::Chan(d, el) => Some((*d, *el)),
            _ => None,
        }
    }

    fn chan_desc(&self, e: &Expr, op: &Operand) -> String {
        describe(&self.c.types, &self.c.source_text(e), op)
    }

    /// `c <- v`.
    pub(super) fn send(&mut self, c: &Expr, v: &Expr) {
        let co = self.operand(c);
        let vo = self.operand(v);
        if !shallow_known(&self.c.types, &co) || !co.is_value() {
            return;
        }
        let shown = self.c.types.display(co.ty, COMPILER);
        match self.chan_of(&co) {
            None => {
                let d = format!(
                    "invalid operation: cannot send to non-channel {shown} {}",
                    self.chan_desc(c, &co)
                );
                self.c.error(codes::OPERATOR, c.span, d);
            }
            Some((ChanDir::Recv, _)) => {
                let d = format!(
                    "invalid operation: cannot send to receive-only channel {shown} {}",
                    self.chan_desc(c, &co)
                );
                self.c.error(codes::OPERATOR, c.span, d);
            }
            Some((_, el)) => self.assign_to(&vo, v, el, "send"),
        }
    }

    /// `<-x`: the received value (comma-ok), or an error.
    pub(super) fn receive(&mut self, e: &Expr, x: &Expr, xo: &Operand) -> Operand {
        let shown = self.c.types.display(xo.ty, COMPILER);
        match self.chan_of(xo) {
            Some((ChanDir::Send, _)) => {
                let d = format!(
                    "invalid operation: cannot receive from send-only channel {shown} {}",
                    self.chan_desc(x, xo)
                );
                self.c.error(codes::OPERATOR, e.span, d);
                Operand::invalid()
            }
            Some((_, el)) => Operand {
                mode: Mode::CommaOk,
                ty: el,
            },
            None => {
                let d = format!(
                    "invalid operation: cannot receive from non-channel {shown} {}",
                    self.chan_desc(x, xo)
                );
                self.c.error(codes::OPERATOR, e.span, d);
                Operand::invalid()
            }
        }
    }

    /// `close(x)`.
    pub(super) fn close_check(&mut self, _call: &Expr, x: &Expr, xo: &Operand) {
        if !shallow_known(&self.c.types, xo) || !xo.is_value() {
            return;
        }
        match self.chan_of(xo) {
            Some((ChanDir::Recv, _)) => {
                let d = format!(
                    "invalid operation: cannot close receive-only channel {}",
                    self.chan_desc(x, xo)
                );
                // Go positions this one at the argument.
                self.c.error(codes::OPERATOR, x.span, d);
            }
            Some(_) => {}
            None => {
                let d = format!(
                    "invalid operation: cannot close non-channel {}",
                    self.chan_desc(x, xo)
                );
                self.c.error(codes::OPERATOR, x.span, d);
            }
        }
    }
}
