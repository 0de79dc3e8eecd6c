// The local stack's upload page: plain script, no build. Each file gets its own presigned
// POST (so a refused type is reported for that file alone), is sent with XMLHttpRequest (the
// only browser API that reports upload progress), then its record is polled until every
// stage has finished.
'use strict';

const list = document.getElementById('files');
const input = document.getElementById('file-input');
const zone = document.getElementById('drop-zone');
const POLL_MS = 500;

zone.addEventListener('dragover', (event) => {
  event.preventDefault();
  zone.classList.add('over');
});
zone.addEventListener('dragleave', () => zone.classList.remove('over'));
zone.addEventListener('drop', (event) => {
  event.preventDefault();
  zone.classList.remove('over');
  uploadAll([...event.dataTransfer.files]);
});
input.addEventListener('change', () => {
  uploadAll([...input.files]);
  input.value = '';
});

function uploadAll(files) {
  for (const file of files) uploadOne(file).catch((error) => itemFor(file).fail(String(error)));
}

const items = new Map();
function itemFor(file) {
  return items.get(file);
}

function element(tag, attributes = {}, text) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

function addItem(file) {
  const li = element('li', { 'data-file-name': file.name });
  li.append(element('h3', {}, file.name));
  const progress = element('progress', {
    max: '100',
    value: '0',
    'aria-label': `Upload progress of ${file.name}`,
  });
  const status = element(
    'p',
    { class: 'status', role: 'status', 'data-state': 'uploading' },
    'Uploading…',
  );
  const details = element('div', { class: 'details' });
  li.append(progress, status, details);
  list.append(li);
  const item = {
    li,
    progress(percent) {
      progress.value = percent;
    },
    state(state, text) {
      status.dataset.state = state;
      status.textContent = text;
    },
    fail(reason) {
      progress.hidden = true;
      item.state('refused', `Refused: ${reason}`);
    },
    show(view) {
      details.replaceChildren(...renderView(file.name, view));
      const rejected = ['image', 'resize', 'watermark']
        .map((stage) => view.record[stage])
        .find((stage) => stage && stage.status === 'rejected');
      if (rejected) item.state('rejected', `Rejected: ${rejected.reason}`);
      else if (view.status === 'complete') item.state('complete', 'Done');
      else item.state('processing', 'Processing…');
    },
  };
  items.set(file, item);
  return item;
}

async function uploadOne(file) {
  const item = addItem(file);
  const response = await fetch('/uploads', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      files: [
        { name: file.name, contentType: file.type || 'application/octet-stream', size: file.size },
      ],
    }),
  });
  const body = await response.json();
  if (!response.ok) return item.fail(body.error ? body.error.message : response.statusText);
  const upload = body.uploads[0];
  item.li.dataset.imageId = upload.imageId;
  item.li.dataset.id = upload.id;
  const refusal = await post(upload, file, (percent) => item.progress(percent));
  if (refusal) return item.fail(refusal);
  item.progress(100);
  item.state('processing', 'Uploaded; processing…');
  await poll(upload.id, item);
}

/** Sends the form; resolves with S3's reason when it refuses, or nothing. */
function post(upload, file, onProgress) {
  return new Promise((resolve) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
    form.append('file', file);
    const request = new XMLHttpRequest();
    request.open('POST', upload.url);
    request.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    });
    request.addEventListener('load', () => {
      if (request.status < 300) return resolve(undefined);
      const message = /<Message>([\s\S]*?)<\/Message>/.exec(request.responseText);
      resolve(`S3 answered ${request.status}: ${message ? message[1] : request.statusText}`);
    });
    request.addEventListener('error', () => resolve('the upload could not reach S3'));
    request.send(form);
  });
}

async function poll(id, item) {
  for (;;) {
    const response = await fetch(`/images/${id}`);
    if (response.ok) {
      const view = await response.json();
      item.show(view);
      if (view.status === 'complete') return;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

function renderView(name, view) {
  const nodes = [];
  const image = view.record.image;
  if (image && image.status === 'done') {
    const facts = element('dl', { class: 'facts' });
    const add = (term, value) => facts.append(element('dt', {}, term), element('dd', {}, value));
    add('Format', image.format);
    add('Size', `${image.width} × ${image.height}`);
    if (view.record.source) add('Bytes', String(view.record.source.size));
    add('Colour', image.dominantColour);
    if (image.exif && image.exif.model) add('Camera', image.exif.model);
    nodes.push(facts);
  }
  if (view.outputs.length > 0) {
    const outputs = element('div', { class: 'outputs' });
    for (const output of view.outputs) {
      const what =
        output.stage === 'watermark'
          ? 'Watermarked copy'
          : `${output.width} px ${output.format} rendition`;
      const figure = element('figure', { 'data-stage': output.stage });
      figure.append(
        element('img', {
          src: output.url,
          alt: `${what} of ${name}`,
          width: String(output.width),
          height: String(output.height),
        }),
        element('figcaption', {}, `${what} (${output.width}×${output.height})`),
      );
      outputs.append(figure);
    }
    nodes.push(outputs);
  }
  return nodes;
}
