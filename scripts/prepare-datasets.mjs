// Placeholder until the data helper lands (this session): prepares public/datasets/ at install.
console.log('prepare-datasets: nothing yet');
