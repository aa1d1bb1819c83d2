// Why: bad input must be reported as one line that names the problem and where it is
// (the CLI turns it into exit code 2). One error type carries both, from the library's own
// validation up to the CLI, so the message is composed in a single place.
//
// How: `path` is a JSONPath-like location ("services[2].m1", "weightsBps"); `problem` is a
// short phrase. message = "path: problem".

export class InputError extends Error {
  readonly path: string;
  readonly problem: string;

  constructor(path: string, problem: string) {
    super(path ? `${path}: ${problem}` : problem);
    this.name = "InputError";
    this.path = path;
    this.problem = problem;
  }
}
