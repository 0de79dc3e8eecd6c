// The AWS SDK warns once per process that future releases need node 22; on the pinned
// node 20 toolchain that line is noise in every test run. Other warnings pass through.
const emitWarning = process.emitWarning.bind(process);
process.emitWarning = (warning, ...rest) => {
  const text = typeof warning === 'string' ? warning : warning && warning.message;
  const type = typeof rest[0] === 'string' ? rest[0] : rest[0] && rest[0].type;
  if (type === 'NodeVersionSupportWarning' || /NodeVersionSupportWarning/.test(String(text))) return;
  emitWarning(warning, ...rest);
};
