//! VM tests on hand-assembled bytecode (the compiler does not exist yet): calls and returns,
//! arithmetic, loops, fuel and yielding, Go's runtime errors, and the verifier.

use super::verify::{verify, Verified};
use super::*;
use crate::bytecode::{FuncProto, Op, Program};

/// `func fib(n int) int { if n < 2 { return n }; return fib(n-1) + fib(n-2) }` as func 0.
pub fn fib_program() -> Program {
    let fib = FuncProto {
        name: "main.fib".into(),
        code: vec![
            Op::LoadInt { dst: 1, imm: 2 },
            Op::JumpIfGeInt { a: 0, b: 1, off: 1 },
            Op::Return { src: 0, n: 1 },
            Op::AddIntImm {
                dst: 2,
                a: 0,
                imm: -1,
            },
            Op::Call { func: 0, base: 2 },
            Op::AddIntImm {
                dst: 3,
                a: 0,
                imm: -2,
            },
            Op::Call { func: 0, base: 3 },
            Op::AddInt { dst: 0, a: 2, b: 3 },
            Op::Return { src: 0, n: 1 },
        ],
        nregs: 4,
        nparams: 1,
        nresults: 1,
        lines: vec![(0, 3), (3, 4)],
        ..Default::default()
    };
    Program {
        funcs: vec![fib],
        file: "fib.gol".into(),
        ..Default::default()
    }
}

fn run_to_end(prog: &Program, args: &[u64]) -> (Exit, Goroutine) {
    verify(prog).expect("valid bytecode");
    let mut g = Goroutine::new(prog, 0, args);
    loop {
        match run(
            &mut g,
            &mut Machine::new(Verified::new(prog.clone()).unwrap(), vec![], None),
            1000,
        ) {
            Exit::Yield => continue,
            other => return (other, g),
        }
    }
}

#[test]
fn fib_recursion() {
    let (exit, g) = run_to_end(&fib_program(), &[20]);
    assert_eq!(exit, Exit::Done);
    assert_eq!(g.regs[0], 6765);
}

/// `s := 0; for i := 0; i < n; i++ { s += i * i }; return s`
fn loop_program() -> Program {
    let f = FuncProto {
        name: "main.sumsq".into(),
        code: vec![
            Op::LoadInt { dst: 1, imm: 0 },         // s
            Op::LoadInt { dst: 2, imm: 0 },         // i
            Op::JumpIfGeInt { a: 2, b: 0, off: 4 }, // while i < n
            Op::MulInt { dst: 3, a: 2, b: 2 },
            Op::AddInt { dst: 1, a: 1, b: 3 },
            Op::AddIntImm {
                dst: 2,
                a: 2,
                imm: 1,
            },
            Op::Jump { off: -5 },
            Op::Return { src: 1, n: 1 },
        ],
        nregs: 4,
        nparams: 1,
        nresults: 1,
        ..Default::default()
    };
    Program {
        funcs: vec![f],
        file: "loop.gol".into(),
        ..Default::default()
    }
}

#[test]
fn loops_yield_and_resume() {
    let prog = loop_program();
    verify(&prog).unwrap();
    let mut g = Goroutine::new(&prog, 0, &[100_000]);
    let mut mach = Machine::new(Verified::new(prog.clone()).unwrap(), vec![], None);
    let mut yields = 0;
    let exit = loop {
        match run(&mut g, &mut mach, 100) {
            Exit::Yield => yields += 1,
            other => break other,
        }
    };
    assert_eq!(exit, Exit::Done);
    assert!(
        yields >= 900,
        "a long loop must give its turn back: {yields} yields"
    );
    let n: u64 = 100_000;
    assert_eq!(g.regs[1], (0..n).map(|i| i * i).sum::<u64>());
}

#[test]
fn integer_division_by_zero_panics_with_gos_message() {
    let f = FuncProto {
        name: "main.div".into(),
        code: vec![
            Op::LoadInt { dst: 1, imm: 0 },
            Op::DivInt { dst: 0, a: 0, b: 1 },
            Op::Return { src: 0, n: 1 },
        ],
        nregs: 2,
        nparams: 1,
        nresults: 1,
        ..Default::default()
    };
    let prog = Program {
        funcs: vec![f],
        file: "div.gol".into(),
        ..Default::default()
    };
    let (exit, _) = run_to_end(&prog, &[7]);
    assert!(matches!(
        exit,
        Exit::Panic(GoPanic::Runtime(RuntimeError::IntegerDivideByZero), _)
    ));
    assert_eq!(exit_message(&exit), "runtime error: integer divide by zero");
    let Exit::Panic(_, trace) = &exit else {
        unreachable!()
    };
    assert_eq!(trace[0].1, 1, "the trace names the failing instruction");
}

fn exit_message(e: &Exit) -> &'static str {
    match e {
        Exit::Panic(GoPanic::Runtime(r), _) => Box::leak(r.message().into_boxed_str()),
        _ => "",
    }
}

#[test]
fn runaway_recursion_is_a_stack_overflow_not_a_crash() {
    // func f(n int) int { return f(n) }
    let f = FuncProto {
        name: "main.f".into(),
        code: vec![
            Op::Move { dst: 1, src: 0 },
            Op::Call { func: 0, base: 1 },
            Op::Return { src: 1, n: 1 },
        ],
        nregs: 2,
        nparams: 1,
        nresults: 1,
        ..Default::default()
    };
    let prog = Program {
        funcs: vec![f],
        file: "rec.gol".into(),
        ..Default::default()
    };
    verify(&prog).unwrap();
    let mut g = Goroutine::new(&prog, 0, &[1]);
    let mut mach = Machine::new(Verified::new(prog.clone()).unwrap(), vec![], None);
    g.stack_limit = 1 << 19;
    let exit = loop {
        match run(&mut g, &mut mach, 1000) {
            Exit::Yield => continue,
            other => break other,
        }
    };
    assert!(matches!(
        exit,
        Exit::Panic(GoPanic::Runtime(RuntimeError::StackOverflow), _)
    ));
}

#[test]
fn wrap_narrows_like_go() {
    // int8(127) + 1 == -128; uint8(255) + 1 == 0
    let f = FuncProto {
        name: "main.w".into(),
        code: vec![
            Op::AddIntImm {
                dst: 1,
                a: 0,
                imm: 1,
            },
            Op::Wrap {
                dst: 1,
                a: 1,
                bits: 8,
                signed: true,
            },
            Op::AddIntImm {
                dst: 2,
                a: 0,
                imm: 129,
            },
            Op::Wrap {
                dst: 0,
                a: 2,
                bits: 8,
                signed: false,
            },
            Op::Return { src: 0, n: 2 },
        ],
        nregs: 3,
        nparams: 1,
        nresults: 2,
        ..Default::default()
    };
    let prog = Program {
        funcs: vec![f],
        file: "w.gol".into(),
        ..Default::default()
    };
    let (exit, g) = run_to_end(&prog, &[127]);
    assert_eq!(exit, Exit::Done);
    assert_eq!(g.regs[0], 0); // uint8(127 + 129) = 0
    assert_eq!(g.regs[1] as i64, -128);
}

#[test]
fn verifier_rejects_what_the_vm_would_trust() {
    let mut p = fib_program();
    p.funcs[0].code[0] = Op::LoadInt { dst: 9, imm: 0 };
    assert!(verify(&p).unwrap_err().contains("register r9"));
    let mut p = fib_program();
    p.funcs[0].code[1] = Op::JumpIfGeInt {
        a: 0,
        b: 1,
        off: 100,
    };
    assert!(verify(&p).unwrap_err().contains("outside the code"));
    let mut p = fib_program();
    p.funcs[0].code.pop();
    p.funcs[0].code.push(Op::AddInt { dst: 0, a: 2, b: 3 });
    assert!(verify(&p).unwrap_err().contains("must end"));
    let mut p = fib_program();
    p.funcs[0].code[4] = Op::Call {
        func: 0,
        base: 3 + 1,
    };
    assert!(verify(&p).unwrap_err().contains("call window"));
}

/// The REPL's extended programs are checked too (their new functions): no path runs unchecked
/// bytecode.
#[test]
fn extended_programs_are_verified() {
    let prev = fib_program();
    let mut next = fib_program();
    let mut bad = next.funcs[0].clone();
    bad.code[0] = Op::LoadInt { dst: 9, imm: 0 };
    next.funcs.push(bad);
    let err = Verified::extending(&prev, next).err().expect("rejected");
    assert!(err.contains("register r9"), "{err}");
    let mut next = fib_program();
    next.funcs.push(next.funcs[0].clone());
    assert!(Verified::extending(&prev, next).is_ok());
}

#[test]
fn disassembly_is_stable() {
    let text = crate::bytecode::disasm::disasm(&fib_program());
    let expected = "\
func main.fib (params 1, results 1, regs 4)
     0    3  LOADI    r1 2
     1    3  JGEI     r0 r1 -> 3
     2    3  RET      r0 1
     3    4  ADDIK    r2 r0 -1
     4    4  CALL     main.fib @r2
     5    4  ADDIK    r3 r0 -2
     6    4  CALL     main.fib @r3
     7    4  ADDI     r0 r2 r3
     8    4  RET      r0 1
";
    assert_eq!(text, expected);
}
