// Runs the same pnpm that launched us (npx -y pnpm@10 …), falling back to npx.
import { spawn } from 'node:child_process';

export function run(args, options = {}) {
  const execPath = process.env.npm_execpath;
  const [command, prefix] =
    execPath && /pnpm/.test(execPath) ? [process.execPath, [execPath]] : ['npx', ['-y', 'pnpm@10.34.9']];
  return new Promise((resolve) => {
    const child = spawn(command, [...prefix, ...args], { stdio: 'inherit', ...options });
    child.on('exit', (code, signal) => resolve(signal ? 1 : (code ?? 1)));
  });
}

export function runNode(args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: 'inherit', ...options });
    // Ctrl-C reaches the child through the terminal's process group; we just wait for it.
    process.on('SIGINT', () => {});
    process.on('SIGTERM', () => child.kill('SIGTERM'));
    child.on('exit', (code, signal) => resolve(signal ? 0 : (code ?? 1)));
  });
}
